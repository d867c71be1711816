/**
 * Encryption at rest, shared by the features that store secrets or personal data: people seal contact fields, hooks
 * seal alert-source secrets. It depends on nothing of the app, so neither feature reaches into the other for it.
 */
package org.breachline.crypto;
