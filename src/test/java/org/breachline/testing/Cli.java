package org.breachline.testing;

import org.breachline.BreachlineApplication;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the application's command line as {@code java -jar breachline.jar ARGS} would, returning what it printed. */
public final class Cli {
    private Cli() {
    }

    public static synchronized String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            new BreachlineApplication().run(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
