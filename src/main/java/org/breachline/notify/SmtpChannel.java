package org.breachline.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.mail2.core.EmailException;
import org.apache.commons.mail2.jakarta.HtmlEmail;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * E-mail over SMTP through Commons Email, over a small pool of connections ({@code notify.email.connections}), each
 * kept open across messages (and reopened after an error) rather than one per message. {@link #send} is thread-safe:
 * each call holds one connection for the length of one message. SMTP offers no way to ask whether a message was
 * taken, so a delivery found in flight after a crash cannot be checked: it becomes UNCERTAIN and is never resent
 * without an operator (at most once).
 */
public final class SmtpChannel implements DeliveryChannel {
    private final NotifyConfiguration.Email config;
    private final Session session;
    /** The pool: idle connections wait here; a sender takes one for a message and puts it back. */
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    public SmtpChannel(NotifyConfiguration.Email config) {
        MailStreamProviderPin.pin();
        this.config = config;
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
            mime.saveChanges();
            // After saveChanges, which would replace it: one Message-ID per delivery, whatever the attempt.
            mime.setHeader("Message-ID", MessageIds.of(message.deliveryId()));
        } catch (EmailException | MessagingException e) {
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

    private static SendResult classify(int code, String what) {
        String reason = what + " (SMTP " + code + ")";
        return code >= 500 ? new SendResult.Permanent(reason) : new SendResult.Transient(reason);
    }

    /** One SMTP connection of the pool, opened on first use; used by one sender at a time. */
    private final class Connection {
        private Transport transport;

        synchronized Transport open() throws MessagingException {
            if (transport == null || !transport.isConnected()) {
                close();
                transport = session.getTransport(config.isSsl() ? "smtps" : "smtp");
                transport.connect();
            }
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
