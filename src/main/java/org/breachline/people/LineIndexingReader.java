package org.breachline.people;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Remembers where the lines start in the characters it passes on, so that a character position reported by the CSV
 * parser can be turned into a physical line number. Only the line starts ahead of the last lookup are kept, so memory
 * stays bounded by the parser's read-ahead.
 */
final class LineIndexingReader extends FilterReader {
    private final ArrayDeque<Long> lineStarts = new ArrayDeque<>();
    private long firstKeptLine = 1;
    private long position;
    private boolean lastWasCarriageReturn;

    LineIndexingReader(Reader in) {
        super(in);
        lineStarts.add(0L);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c != -1) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] sink = new char[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void see(char c) {
        position++;
        if (c == '\n') {
            if (lastWasCarriageReturn) {
                // CR LF is one line break: the line starts after the LF, not between the two.
                lineStarts.pollLast();
            }
            lineStarts.addLast(position);
        } else if (c == '\r') {
            lineStarts.addLast(position);
        }
        lastWasCarriageReturn = c == '\r';
    }

    /** The 1-based line holding the character at {@code characterPosition}; positions must not go backwards. */
    long lineAt(long characterPosition) {
        while (lineStarts.size() > 1) {
            long head = lineStarts.pollFirst();
            if (lineStarts.peekFirst() <= characterPosition) {
                firstKeptLine++;
            } else {
                lineStarts.addFirst(head);
                break;
            }
        }
        return firstKeptLine;
    }
}
