/**
 * Affected people: the framework-free core of importing them and of protecting their contact data at rest.
 *
 * <ul>
 *   <li>{@link org.breachline.people.AffectedPeopleReader} streams a CSV or JSON Lines upload into
 *       {@link org.breachline.people.RowOutcome}s (accepted rows or rejections without personal data).</li>
 *   <li>{@link org.breachline.crypto.AtRestCipher} seals contact fields with AES-256-GCM under a rotating
 *       {@link org.breachline.crypto.AtRestKeyRing}; {@link org.breachline.people.BlindIndex} hashes them for lookups.</li>
 * </ul>
 * Nothing here logs: rows and keys are personal data and secrets.
 */
package org.breachline.people;
