package org.breachline.people;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of an import file, read one at a time as they are consumed; nothing beyond the current row is kept.
 * Iteration may throw {@link ImportFileException} when the file becomes unreadable (for example an unclosed CSV quote).
 * Closing closes the underlying stream.
 */
public interface PersonRows extends Iterator<RowOutcome>, AutoCloseable {

    @Override
    void close();

    /** The remaining rows as a sequential stream; closing the stream closes this source. */
    default Stream<RowOutcome> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }
}
