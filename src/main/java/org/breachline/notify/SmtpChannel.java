package org.breachline.notify;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.commons.mail2.core.EmailException;
import org.apache.commons.mail2.jakarta.HtmlEmail;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * E-mail over SMTP through Commons Email, over a small pool of connections ({@code notify.email.connections}), each
 * kept open across messages (and reopened after an error) rather than one per message. {@link #send} is thread-safe:
 * each call holds one connection for the length of one message. A connection in steady use is trusted as open;
 * only one idle for a while is probed first ({@code NOOP}: JavaMail's {@code isConnected()} costs a round trip). SMTP offers no way to ask whether a message was
 * taken, so a delivery found in flight after a crash cannot be checked: it becomes UNCERTAIN and is never resent
 * without an operator (at most once).
 */
public final class SmtpChannel implements DeliveryChannel {
    /** A connection unused for longer may have been closed by the server: probe it before sending. */
    static final Duration PROBE_AFTER_IDLE = Duration.ofSeconds(5);

    private final NotifyConfiguration.Email config;
    private final Clock clock;
    private final Session session;
    /** The pool: idle connections wait here; a sender takes one for a message and puts it back. */
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    public SmtpChannel(NotifyConfiguration.Email config, Clock clock) {
        MailStreamProviderPin.pin();
        this.config = config;
        this.clock = clock;
        try {
            HtmlEmail template = configured(new HtmlEmail());
            this.session = template.getMailSession();
        } catch (EmailException e) {
            throw new IllegalArgumentException("notify.email is not a usable SMTP configuration: " + e.getMessage(), e);
        }
        this.idle = new ArrayBlockingQueue<>(config.getConnections());
        for (int i = 0; i < config.getConnections(); i++) {
            Connection c = new Connection();
            all.add(c);
            idle.add(c);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public double ratePerSecond() {
        return config.getRatePerSecond();
    }

    @Override
    public int senders() {
        return config.getConnections();
    }

    @Override
    public SendResult send(Outgoing message) {
        RenderedNotice.Email notice = (RenderedNotice.Email) message.notice();
        MimeMessage mime;
        try {
            HtmlEmail email = new HtmlEmail();
            email.setMailSession(session);
            email.setCharset("UTF-8");
            email.setFrom(config.getFrom());
            email.addTo(message.to());
            email.setSubject(notice.subject());
            email.setHtmlMsg(notice.html());
            email.setTextMsg(notice.text());
            email.buildMimeMessage();
            mime = email.getMimeMessage();
            declareTransferEncodings(mime);
            mime.saveChanges();
            // After saveChanges, which would replace it: one Message-ID per delivery, whatever the attempt.
            mime.setHeader("Message-ID", MessageIds.of(message.deliveryId()));
        } catch (EmailException | MessagingException | java.io.IOException e) {
            return new SendResult.Permanent("cannot build the message: " + e.getClass().getSimpleName());
        }
        Connection connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Transient("stopped before sending");
        }
        try {
            connection.open().sendMessage(mime, mime.getAllRecipients());
            return new SendResult.Sent(MessageIds.of(message.deliveryId()));
        } catch (SMTPAddressFailedException e) {
            return classify(e.getReturnCode(), "recipient refused");
        } catch (SMTPSendFailedException e) {
            return classify(e.getReturnCode(), "message refused");
        } catch (SendFailedException e) {
            return new SendResult.Permanent("recipient refused: " + e.getClass().getSimpleName());
        } catch (MessagingException | IllegalStateException e) {
            // Connection trouble: drop the connection, open a fresh one on the next attempt.
            connection.close();
            return new SendResult.Transient("SMTP connection failed: " + e.getClass().getSimpleName());
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public Reconciliation reconcile(InFlight delivery) {
        return new Reconciliation.CannotTell("SMTP cannot say whether the server took the message");
    }

    /** Closes every connection; called once the dispatcher's senders have stopped. */
    @Override
    public void close() {
        all.forEach(Connection::close);
    }

    /**
     * Names each text part's Content-Transfer-Encoding from its text, as Jakarta Mail would choose it (7bit when all
     * ASCII in short lines, quoted-printable when mostly ASCII, else base64). Left to Jakarta Mail, the choice streams
     * every part through a checking encoder byte by byte, which took about half the CPU of building a message.
     *
     * <p>Each text part also becomes its encoded bytes: Jakarta Mail's handler for a String part writes it through a
     * stream that hands the SMTP connection one byte at a time, which was the largest cost of sending (JFR, 2026-12-07);
     * bytes go to it in blocks. The part's Content-Type, charset included, stays as it was.
     */
    static void declareTransferEncodings(Part part) throws MessagingException, java.io.IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                declareTransferEncodings(multipart.getBodyPart(i));
            }
        } else if (content instanceof String text && part instanceof MimeBodyPart body) {
            String type = body.getDataHandler().getContentType();
            String charset = MimeUtility.javaCharset(new ContentType(type).getParameter("charset"));
            body.setDataHandler(new DataHandler(new ByteArrayDataSource(text.getBytes(
                    charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset)), type)));
            body.setHeader("Content-Transfer-Encoding", transferEncoding(text));
        }
    }

    static String transferEncoding(String text) {
        int nonAscii = 0;
        int line = 0;
        int longest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                longest = Math.max(longest, line);
                line = 0;
            } else {
                line++;
                if (c >= 0x7f || (c < 0x20 && c != '\t')) {
                    nonAscii++;
                }
            }
        }
        longest = Math.max(longest, line);
        if (nonAscii == 0 && longest <= 998) {
            return "7bit";
        }
        return nonAscii * 3 <= text.length() ? "quoted-printable" : "base64";
    }

    private static SendResult classify(int code, String what) {
        String reason = what + " (SMTP " + code + ")";
        return code >= 500 ? new SendResult.Permanent(reason) : new SendResult.Transient(reason);
    }

    /** One SMTP connection of the pool, opened on first use; used by one sender at a time. */
    private final class Connection {
        private Transport transport;
        private Instant lastUsed;

        synchronized Transport open() throws MessagingException {
            Instant now = clock.instant();
            boolean idle = lastUsed != null && Duration.between(lastUsed, now).compareTo(PROBE_AFTER_IDLE) > 0;
            if (transport == null || (idle && !transport.isConnected())) {
                close();
                transport = session.getTransport(config.isSsl() ? "smtps" : "smtp");
                transport.connect();
            }
            lastUsed = now;
            return transport;
        }

        synchronized void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // Closing a broken connection.
                }
                transport = null;
            }
        }
    }

    private HtmlEmail configured(HtmlEmail email) throws EmailException {
        email.setHostName(config.getHost());
        email.setSmtpPort(config.getPort());
        if (config.isSsl()) {
            email.setSSLOnConnect(true);
            email.setSslSmtpPort(Integer.toString(config.getPort()));
        }
        if (config.isStartTls()) {
            email.setStartTLSEnabled(true);
            email.setStartTLSRequired(true);
        }
        if (config.getUsername() != null && !config.getUsername().isBlank()) {
            email.setAuthentication(config.getUsername(), config.getPassword());
        }
        Duration timeout = Duration.ofMillis(config.getTimeout().toMilliseconds());
        email.setSocketConnectionTimeout(timeout);
        email.setSocketTimeout(timeout);
        email.setFrom(config.getFrom());
        email.addTo("nobody@example.invalid");
        return email;
    }
}
