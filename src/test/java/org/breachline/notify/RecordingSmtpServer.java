package org.breachline.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SMTP server on loopback that records what a pool of clients does: how many connections were opened,
 * how many mail transactions ran at the same moment at most, how many NOOPs were sent, and the Message-ID of every
 * message taken. Until it has seen two transactions at once it holds each reply to the final "." (for at most a
 * second), so that a client that sends one message at a time shows up as concurrency 1 instead of racing. Each
 * message taken can also run a hook (tests move the application's clock with it, as if sending took time).
 */
final class RecordingSmtpServer implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    private final ServerSocket socket;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-smtp");
        t.setDaemon(true);
        return t;
    });
    private final Runnable onMessage;
    private final List<String> messageIds = new ArrayList<>();
    private int connections;
    private int noops;
    private int inTransaction;
    private int mostAtOnce;

    RecordingSmtpServer(Runnable onMessage) {
        this.onMessage = onMessage;
        try {
            socket = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sessions.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    synchronized int connections() {
        return connections;
    }

    synchronized int mostTransactionsAtOnce() {
        return mostAtOnce;
    }

    synchronized int noops() {
        return noops;
    }

    synchronized List<String> messageIds() {
        return List.copyOf(messageIds);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                synchronized (this) {
                    connections++;
                }
                sessions.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            reply(out, "220 recording ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 recording");
                    case "MAIL" -> {
                        synchronized (this) {
                            inTransaction++;
                            mostAtOnce = Math.max(mostAtOnce, inTransaction);
                            notifyAll();
                        }
                        reply(out, "250 OK");
                    }
                    case "RCPT", "RSET" -> reply(out, "250 OK");
                    case "NOOP" -> {
                        synchronized (this) {
                            noops++;
                        }
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            message.append(data).append('\n');
                        }
                        taken(message);
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away.
        }
    }

    private void taken(StringBuilder message) throws InterruptedException {
        synchronized (this) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (mostAtOnce < 2 && System.nanoTime() < until) {
                wait(100);
            }
            Matcher m = MESSAGE_ID.matcher(message);
            messageIds.add(m.find() ? m.group(1) : "(none)");
            inTransaction--;
        }
        onMessage.run();
    }

    private static void reply(PrintWriter out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        sessions.shutdownNow();
    }
}
