package org.breachline.auth;

import org.breachline.testing.Cli;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.http.StrictJson;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokens create} issues a working token on a database no server is running on, printing only the token. */
class TokensCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsATokenWithoutAServerAndPrintsOnlyTheSecret() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL";
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                database:
                  driverClass: org.h2.Driver
                  url: "%s"
                  user: sa
                  password: ""
                logging:
                  level: WARN
                """.formatted(url));

        String printed = Cli.run("tokens", "create", "--name", "dpo", "--role", "APPROVER", config.toString());

        assertThat(printed.strip()).matches("bl_[A-Za-z0-9_-]{43}");
        Jdbi jdbi = Jdbi.create(url, "sa", "").installPlugin(new SqlObjectPlugin());
        Clock clock = Clock.systemUTC();
        TokenService tokens = new TokenService(jdbi, new HashChainedAuditLog(jdbi, clock, StrictJson.newMapper()), clock);
        assertThat(tokens.authenticate(printed.strip())).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("dpo");
            assertThat(a.role()).isEqualTo(Role.APPROVER);
        });
        assertThat(tokens.authenticate("bl_" + "x".repeat(43))).isEmpty();
        assertThat(new HashChainedAuditLog(jdbi, clock, StrictJson.newMapper()).verify().checked()).isEqualTo(1);

        String listed = Cli.run("tokens", "list", config.toString());
        assertThat(listed).contains("dpo").contains("APPROVER").doesNotContain(printed.strip());
    }
}
