package org.breachline.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The embedded default: writes each e-mail as {@code email/<delivery>.eml} and each SMS as a line of {@code sms.jsonl}
 * under the outbox folder. E-mails are written to a temporary file and moved into place atomically, and the name is
 * the delivery id, so a file's presence is proof of sending: reconciliation after a crash is exact (exactly once).
 * The files hold personal data in clear; this sink is for development and demonstrations.
 */
public final class FileSinkChannel implements DeliveryChannel {
    private final Channel channel;
    private final Path folder;
    private final double rate;
    private final String from;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Session session = Session.getInstance(new Properties());

    public FileSinkChannel(Channel channel, Path folder, double ratePerSecond, String from, Clock clock,
                           ObjectMapper mapper) {
        if (channel == Channel.WEBHOOK) {
            throw new IllegalArgumentException("the webhook's file sink is WebhookChannel's own");
        }
        MailStreamProviderPin.pin();
        this.channel = channel;
        this.folder = folder;
        this.rate = ratePerSecond;
        this.from = from;
        this.clock = clock;
        this.mapper = mapper;
        try {
            Files.createDirectories(folder.resolve("email"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox folder " + folder, e);
        }
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public double ratePerSecond() {
        return rate;
    }

    @Override
    public SendResult send(Outgoing message) {
        try {
            return switch (channel) {
                case EMAIL -> writeEmail(message);
                case SMS -> appendSms(message);
                case WEBHOOK -> throw new IllegalStateException("webhook notices go through WebhookChannel");
            };
        } catch (IOException | MessagingException e) {
            return new SendResult.Transient("outbox not writable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Reconciliation reconcile(InFlight delivery) {
        try {
            if (channel == Channel.EMAIL) {
                Path file = emailFile(delivery.deliveryId());
                return Files.exists(file) ? new Reconciliation.AlreadySent(file.getFileName().toString())
                        : new Reconciliation.NotSent();
            }
            Path sms = folder.resolve("sms.jsonl");
            if (!Files.exists(sms)) {
                return new Reconciliation.NotSent();
            }
            String marker = "{\"delivery\":" + delivery.deliveryId() + ",";
            try (var lines = Files.lines(sms, StandardCharsets.UTF_8)) {
                return lines.anyMatch(l -> l.startsWith(marker))
                        ? new Reconciliation.AlreadySent("sms.jsonl#" + delivery.deliveryId())
                        : new Reconciliation.NotSent();
            }
        } catch (IOException e) {
            return new Reconciliation.CannotTell("outbox not readable: " + e.getClass().getSimpleName());
        }
    }

    private SendResult writeEmail(Outgoing message) throws IOException, MessagingException {
        RenderedNotice.Email email = (RenderedNotice.Email) message.notice();
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(from));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.to()));
        mime.setSubject(email.subject(), "UTF-8");
        mime.setSentDate(java.util.Date.from(clock.instant()));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        mime.saveChanges();
        String messageId = MessageIds.of(message.deliveryId());
        mime.setHeader("Message-ID", messageId);
        Path target = emailFile(message.deliveryId());
        Path tmp = Files.createTempFile(folder.resolve("email"), "sending-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            mime.writeTo(out);
        }
        try (FileChannel fc = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            fc.force(true);
        }
        try {
            // No REPLACE_EXISTING: a second write of one delivery finds the first and changes nothing.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
        return new SendResult.Sent(target.getFileName().toString());
    }

    private synchronized SendResult appendSms(Outgoing message) throws IOException {
        RenderedNotice.Sms sms = (RenderedNotice.Sms) message.notice();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("delivery", message.deliveryId());
        line.put("to", message.to());
        line.put("body", sms.text());
        line.put("segments", sms.segments().segments());
        line.put("at", clock.instant().toString());
        byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel fc = FileChannel.open(folder.resolve("sms.jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // One write of a whole line with O_APPEND: lines of several processes do not interleave.
            fc.write(ByteBuffer.wrap(bytes));
            fc.force(true);
        }
        return new SendResult.Sent("sms.jsonl#" + message.deliveryId());
    }

    private Path emailFile(long deliveryId) {
        return folder.resolve("email").resolve(deliveryId + ".eml");
    }
}
