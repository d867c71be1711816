package org.breachline.people;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's text, refusing it whole at the first byte that is not UTF-8. Replacing such bytes with U+FFFD, as the
 * decoder would by default, imported a Latin-1 "René" as "Ren\uFFFD" and turned references into other references.
 */
final class Utf8Lines extends FilterReader {
    private long lineBreaks;

    Utf8Lines(InputStream in) {
        super(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            // The decoder fails on the buffer holding the bad byte; its line is at or just after what was counted.
            throw new ImportFileException(lineBreaks + 1, "the file is not UTF-8 text (a byte sequence near line "
                    + (lineBreaks + 1) + " is not UTF-8); save it as UTF-8 (Excel: \"CSV UTF-8\") and import again");
        }
        for (int i = offset; i < offset + Math.max(n, 0); i++) {
            if (buffer[i] == '\n') {
                lineBreaks++;
            }
        }
        return n;
    }
}
