package org.breachline.notify;

import org.breachline.testing.TestDatabase;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A Breachline server in a child JVM, on a test's PostgreSQL database, for tests that kill it with SIGKILL and start
 * it again. Its dispatcher runs in the background on the real clock; each start is a new worker (the worker id
 * defaults to host, pid and start time), so the next one sees the killed one's claims as stale.
 */
final class ChildService {
    private final Path config;

    /** Writes the child's configuration: the test's database and the given {@code notify:} section. */
    ChildService(TestDatabase db, String notifySection) throws Exception {
        Path dir = Files.createTempDirectory("breachline-crash-");
        String yaml = """
                database:
                  driverClass: org.postgresql.Driver
                  url: %s
                  user: %s
                  password: "%s"
                  validationQuery: "SELECT 1"
                  autoCommitByDefault: true
                  initialSize: 1
                  minSize: 1
                  maxSize: 4
                migrateOnStart: true
                people:
                  contactKeys:
                    activeKeyId: test
                    keys:
                      test: "W2t3tGk7zq8uJ9q1Yp8m0C8xS4dJ6rQ1bN3vZ5aL7eE="
                    indexKey: "b1Jm9yq3Lr0eT6uZ2cX8wV5nK4pH7sD1fG3jA9kQ2mE="
                %s
                server:
                  registerDefaultExceptionMappers: false
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                logging:
                  level: WARN
                """.formatted(db.url(), db.user(), db.password(), notifySection.strip());
        this.config = dir.resolve("config.yml");
        Files.writeString(config, yaml);
    }

    /** Where the configuration and each start's log are, for failure messages. */
    Path folder() {
        return config.getParent();
    }

    /** Starts a server process logging to {@code <name>.log} in {@link #folder()}. */
    Process start(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.breachline.BreachlineApplication", "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder().resolve(name + ".log").toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
    }

    /** In one read of a campaign's deliveries: how many are sent, handed and in flight, claimed and awaiting. */
    static boolean midBatch(org.jdbi.v3.core.Jdbi jdbi, UUID campaign) {
        java.util.Map<String, Object> n = jdbi.withHandle(h -> h.createQuery("SELECT "
                + "SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END) AS sent, "
                + "SUM(CASE WHEN status = 'SENDING' AND NOT awaiting_handoff THEN 1 ELSE 0 END) AS handed, "
                + "SUM(CASE WHEN status = 'SENDING' AND awaiting_handoff THEN 1 ELSE 0 END) AS awaiting "
                + "FROM delivery WHERE campaign_id = :c").bind("c", campaign).mapToMap().one());
        return n.values().stream().allMatch(v -> v != null && ((Number) v).longValue() > 0);
    }
}
