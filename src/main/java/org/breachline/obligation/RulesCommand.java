package org.breachline.obligation;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.breachline.rules.EngineSettings;
import org.breachline.rules.Rule;
import org.breachline.rules.Rulebook;
import org.breachline.rules.RulesEngine;
import org.breachline.rules.RulesJson;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code rules evaluate FACTS.json} and {@code rules list}: the deadline engine from the command line, with no server
 * and no database.
 */
public class RulesCommand extends Command {
    public RulesCommand() {
        super("rules", "Evaluate facts against the rulebook ('rules evaluate FACTS.json') or print it ('rules list')");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("evaluate", "list");
        subparser.addArgument("facts").nargs("?").help("the facts JSON file (evaluate); - for standard input");
        subparser.addArgument("--rulebook-dir").help("a directory of YAML rules that add to or override the shipped ones");
        subparser.addArgument("--time-zone").setDefault("UTC").help("zone for day-counted deadlines when the facts name none");
        subparser.addArgument("--internal-target-days").type(Integer.class).setDefault(7)
                .help("internal target for laws with no fixed deadline");
        subparser.addArgument("--format").choices("table", "json").setDefault("table").help("output of 'list'");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
        String dir = ns.getString("rulebook_dir");
        Rulebook rulebook = dir == null ? Rulebook.load() : Rulebook.load(Path.of(dir));
        if ("list".equals(ns.getString("action"))) {
            list(rulebook.rules(), "json".equals(ns.getString("format")));
            return;
        }
        String file = ns.getString("facts");
        if (file == null) {
            throw new IllegalArgumentException("rules evaluate needs a facts file (or - for standard input)");
        }
        var engine = new RulesEngine(rulebook, new EngineSettings(ZoneId.of(ns.getString("time_zone")),
                Duration.ofDays(ns.getInt("internal_target_days"))));
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            System.out.println(RulesJson.writeEvaluation(engine.evaluate(RulesJson.readFacts(in))));
        }
    }

    private static void list(List<Rule> rules, boolean json) {
        if (json) {
            System.out.println(RulesJson.rulesTree(rules).toPrettyString());
            return;
        }
        System.out.printf("%-34s %-8s %-27s %-60s %s%n", "ID", "WHERE", "RECIPIENT", "CLOCK", "CITATION");
        for (Rule r : rules) {
            System.out.printf("%-34s %-8s %-27s %-60s %s%n", r.id(), r.jurisdiction(), r.recipient(),
                    r.clock().describe(), r.fullCitation());
        }
        System.out.println(rules.size() + " rules");
    }
}
