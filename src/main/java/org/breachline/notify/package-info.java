/**
 * Notices: the framework-free core of templates and rendering.
 *
 * <ul>
 *   <li>{@link org.breachline.notify.TemplateCatalog} loads and checks {@code templates/} at startup (variables, tags,
 *       legal elements per jurisdiction) and resolves the template for a person.</li>
 *   <li>{@link org.breachline.notify.NoticeRenderer} renders e-mail (subject, escaped HTML, text) and SMS, with
 *       {@link org.breachline.notify.SmsSegments} counting GSM-7/UCS-2 segments.</li>
 * </ul>
 * The format and the variables are documented in {@code templates/README.md}.
 */
package org.breachline.notify;
