package org.breachline.auth;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.breachline.BreachlineConfiguration;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.db.Database;

import java.time.Clock;
import java.util.Arrays;

/** {@code tokens create --name NAME --role ROLE config.yml}: issues an API token without a running server. */
public class TokensCommand extends ConfiguredCommand<BreachlineConfiguration> {
    public TokensCommand() {
        super("tokens", "Manage API tokens: 'tokens create --name NAME --role ROLE config.yml' or 'tokens list config.yml'");
    }

    @Override
    public void configure(Subparser subparser) {
        // The action comes before the configuration file, so it is added before the parent adds "file".
        subparser.addArgument("action").choices("create", "list").help("create a token, or list the existing ones");
        super.configure(subparser);
        subparser.addArgument("--name").help("who or what holds the token (create)");
        subparser.addArgument("--role").choices(Arrays.stream(Role.values()).map(Enum::name).toArray())
                .help("the token's role (create)");
    }

    @Override
    protected void run(Bootstrap<BreachlineConfiguration> bootstrap, Namespace ns, BreachlineConfiguration config)
            throws Exception {
        try (Database db = Database.open(config, bootstrap.getMetricRegistry(), "tokens-cli")) {
            Clock clock = Clock.systemUTC();
            TokenService tokens = new TokenService(db.jdbi(),
                    new HashChainedAuditLog(db.jdbi(), clock, bootstrap.getObjectMapper()), clock);
            if ("list".equals(ns.getString("action"))) {
                System.out.printf("%-6s %-10s %-30s %-28s %s%n", "ID", "ROLE", "NAME", "CREATED", "REVOKED");
                for (ApiToken t : tokens.list()) {
                    System.out.printf("%-6d %-10s %-30s %-28s %s%n", t.id(), t.role(), t.name(), t.createdAt(),
                            t.revokedAt() == null ? "-" : t.revokedAt());
                }
                return;
            }
            String name = ns.getString("name");
            String role = ns.getString("role");
            if (name == null || role == null) {
                throw new IllegalArgumentException("tokens create needs --name and --role");
            }
            TokenService.IssuedToken token = tokens.create(name, Role.valueOf(role), new Actor(0, "cli", Role.ADMIN));
            System.err.println("Created token " + token.id() + " '" + name + "' with role " + role
                    + ". It is shown only this once; store it now.");
            System.out.println(token.secret());
        }
    }
}
