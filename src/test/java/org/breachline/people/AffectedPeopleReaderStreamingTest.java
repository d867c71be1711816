package org.breachline.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AffectedPeopleReaderStreamingTest {
    private static final int ROWS = 200_000;
    // Far more than one row and the readers' buffers, far less than the 200,000 rows (about 15 MB).
    private static final long MAX_READ_AHEAD_BYTES = 256 * 1024;

    /** Makes a file one row at a time as it is read; the whole file never exists. */
    private static final class GeneratedPeople extends InputStream {
        private final ImportFormat format;
        private final int rows;
        private byte[] chunk;
        private int index;
        private int generated = -1;
        private long bytesProduced;

        static final String CSV_HEADER = "reference,name,email,phone,locale,jurisdiction\n";

        static byte[] row(ImportFormat format, int n) {
            String row = format == ImportFormat.CSV
                    ? "P-%d,\"Person, number %d\",person%d@example.com,(415) 555-%04d,en-US,US-CA\n".formatted(n, n, n, n % 10_000)
                    : "{\"reference\":\"P-%d\",\"email\":\"person%d@example.com\",\"jurisdiction\":\"DE\"}\n".formatted(n, n);
            return row.getBytes(StandardCharsets.US_ASCII);
        }

        GeneratedPeople(ImportFormat format, int rows) {
            this.format = format;
            this.rows = rows;
            this.chunk = format == ImportFormat.CSV
                    ? CSV_HEADER.getBytes(StandardCharsets.US_ASCII)
                    : new byte[0];
        }

        private boolean refill() {
            while (index >= chunk.length) {
                if (generated + 1 >= rows) {
                    return false;
                }
                generated++;
                int n = generated;
                chunk = row(format, generated);
                index = 0;
            }
            return true;
        }

        @Override
        public int read() {
            if (!refill()) {
                return -1;
            }
            bytesProduced++;
            return chunk[index++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!refill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - index);
            System.arraycopy(chunk, index, buffer, offset, n);
            index += n;
            bytesProduced += n;
            return n;
        }
    }

    private final AffectedPeopleReader reader = new AffectedPeopleReader(new ImportSettings("US"));

    @Test
    void readsTwoHundredThousandCsvRowsWhileReadingOnlyALittleAhead() {
        readsAllRowsWhileReadingOnlyALittleAhead(ImportFormat.CSV);
    }

    @Test
    void readsTwoHundredThousandJsonLinesWhileReadingOnlyALittleAhead() {
        readsAllRowsWhileReadingOnlyALittleAhead(ImportFormat.JSON_LINES);
    }

    private void readsAllRowsWhileReadingOnlyALittleAhead(ImportFormat format) {
        var source = new GeneratedPeople(format, ROWS);
        long accepted = 0;
        long lastLine = 0;
        long worstReadAhead = 0;
        long rowBytesConsumed = format == ImportFormat.CSV ? GeneratedPeople.CSV_HEADER.length() : 0;
        WeakReference<RowOutcome> firstRow = null;
        try (PersonRows rows = reader.open(source, format)) {
            while (rows.hasNext()) {
                RowOutcome outcome = rows.next();
                if (firstRow == null) {
                    firstRow = new WeakReference<>(outcome);
                }
                assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
                accepted++;
                lastLine = outcome.line();
                rowBytesConsumed += GeneratedPeople.row(format, (int) accepted - 1).length;
                worstReadAhead = Math.max(worstReadAhead, source.bytesProduced - rowBytesConsumed);
            }
        }

        assertThat(accepted).isEqualTo(ROWS);
        assertThat(lastLine).isEqualTo(format == ImportFormat.CSV ? ROWS + 1 : ROWS);
        assertThat(source.bytesProduced).isEqualTo(rowBytesConsumed).isGreaterThan(ROWS * 50L);
        // The reader never ran far ahead of the rows it handed out: it did not load the file.
        assertThat(worstReadAhead).isLessThan(MAX_READ_AHEAD_BYTES);
        // Nor did it keep the rows it handed out: once we drop the first, the collector can take it.
        assertThat(collectedEventually(firstRow)).isTrue();
    }

    private static boolean collectedEventually(WeakReference<?> reference) {
        for (int attempt = 0; attempt < 10 && reference.get() != null; attempt++) {
            System.gc();
        }
        return reference.get() == null;
    }
}
