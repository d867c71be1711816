package org.breachline.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the shipped templates in a temporary folder that a test may break on purpose. */
final class TemplateFolder {
    static final Path SHIPPED = Path.of("templates");

    private final Path root;

    private TemplateFolder(Path root) {
        this.root = root;
    }

    static TemplateFolder copyOfShipped(Path tempDir) {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path source : files.toList()) {
                Path target = tempDir.resolve(SHIPPED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TemplateFolder(tempDir);
    }

    Path root() {
        return root;
    }

    String read(String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TemplateFolder write(String file, String content) {
        try {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces every occurrence of {@code text} in {@code file}, failing if there is none (the test would prove nothing). */
    TemplateFolder replace(String file, String text, String replacement) {
        String content = read(file);
        if (!content.contains(text)) {
            throw new IllegalArgumentException(file + " does not contain " + text);
        }
        return write(file, content.replace(text, replacement));
    }

    TemplateFolder delete(String file) {
        try {
            Files.delete(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TemplateCatalog load() {
        return TemplateCatalog.load(root);
    }
}
