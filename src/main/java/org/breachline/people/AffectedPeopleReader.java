package org.breachline.people;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;

/** Reads affected people from CSV or JSON Lines as a stream of accepted and rejected rows, without loading the file. */
public final class AffectedPeopleReader {
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private final RowValidator validator;

    public AffectedPeopleReader(ImportSettings settings) {
        this(settings, KnownJurisdictions.shipped());
    }

    public AffectedPeopleReader(ImportSettings settings, KnownJurisdictions jurisdictions) {
        this.validator = new RowValidator(Objects.requireNonNull(settings), Objects.requireNonNull(jurisdictions));
    }

    /**
     * Opens a UTF-8 file (a leading byte order mark is skipped). The caller must close the result.
     *
     * @throws ImportFileException if the file cannot be imported at all (empty, or a CSV header that is unusable)
     */
    public PersonRows open(InputStream in, ImportFormat format) {
        Objects.requireNonNull(in, "in");
        Reader reader = withoutByteOrderMark(in);
        try {
            return switch (format) {
                case CSV -> new CsvPersonRows(reader, validator);
                case JSON_LINES -> new JsonLinesPersonRows(reader, validator);
            };
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /** Reads the whole file, handing every row to {@code sink} as it is read; closes the stream. */
    public ImportSummary read(InputStream in, ImportFormat format, Consumer<? super RowOutcome> sink) {
        long accepted = 0;
        long rejected = 0;
        try (PersonRows rows = open(in, format)) {
            while (rows.hasNext()) {
                RowOutcome outcome = rows.next();
                if (outcome instanceof RowOutcome.Accepted) {
                    accepted++;
                } else {
                    rejected++;
                }
                sink.accept(outcome);
            }
        }
        return new ImportSummary(accepted, rejected);
    }

    private static Reader withoutByteOrderMark(InputStream in) {
        var reader = new PushbackReader(new Utf8Lines(in), 1);
        try {
            int first = reader.read();
            if (first != -1 && first != BYTE_ORDER_MARK) {
                reader.unread(first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader;
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Already failing with a more useful error.
        }
    }
}
