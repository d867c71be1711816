package org.breachline.notify;

/**
 * Names Angus Mail's {@code StreamProvider} in the system property that jakarta.mail-api 2.1 consults first. Without
 * it, the API looks the provider up with a {@code ServiceLoader} scan of every jar on the class path for each MIME
 * part and each encoder it creates (jakartaee/mail-api#699 and #861, fixed only in 2.2): that scan was the largest
 * single cost of building a message. A value set by the operator is left alone.
 */
final class MailStreamProviderPin {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviderPin() {
    }

    static void pin() {
        System.getProperties().putIfAbsent(PROPERTY, ANGUS);
    }
}
