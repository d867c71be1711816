package org.breachline.people;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Rows of an RFC 4180 CSV file whose first record names the columns. */
final class CsvPersonRows implements PersonRows {
    private final LineIndexingReader lines;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RowValidator validator;
    private final PersonField[] columns;
    private RowOutcome pending;

    CsvPersonRows(Reader reader, RowValidator validator) {
        this.validator = validator;
        this.lines = new LineIndexingReader(reader);
        try {
            // The header is read as an ordinary record so that unknown and duplicate names get our own errors.
            this.parser = CSVFormat.RFC4180.builder().get().parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new ImportFileException(0, "the file is empty: a header row naming the columns is required");
        }
        this.columns = columnsOf(header, lines.lineAt(header.getCharacterPosition()));
    }

    private static final java.util.regex.Pattern COLUMN_NAME = java.util.regex.Pattern.compile("[a-z][a-z_-]{0,19}");

    private static PersonField[] columnsOf(CSVRecord header, long line) {
        List<PersonField> fields = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String raw : header) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            var field = PersonField.fromKey(name);
            if (field.isEmpty()) {
                // A file without a header has personal data here: echo only what looks like a column name.
                String shown = raw.strip();
                unknown.add(COLUMN_NAME.matcher(shown).matches() ? shown
                        : "column " + (fields.size() + unknown.size() + duplicates.size() + 1));
            } else if (fields.contains(field.get())) {
                duplicates.add(name);
            } else {
                fields.add(field.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ImportFileException(line, "unknown columns in the header (is the first row a header?): " + String.join(", ", unknown)
                    + " (expected some of " + Arrays.stream(PersonField.values()).map(PersonField::key)
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!duplicates.isEmpty()) {
            throw new ImportFileException(line, "columns named more than once in the header: " + String.join(", ", duplicates));
        }
        if (!fields.contains(PersonField.REFERENCE)) {
            throw new ImportFileException(line, "the header has no reference column");
        }
        return fields.toArray(PersonField[]::new);
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            CSVRecord record = nextRecord();
            if (record == null) {
                return false;
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue; // a blank line is not a row
            }
            pending = toOutcome(record);
        }
        return true;
    }

    @Override
    public RowOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowOutcome outcome = pending;
        pending = null;
        return outcome;
    }

    private RowOutcome toOutcome(CSVRecord record) {
        long line = lines.lineAt(record.getCharacterPosition());
        if (record.size() != columns.length) {
            return RowOutcome.Rejected.of(line, "row",
                    "row has " + record.size() + " fields but the header has " + columns.length);
        }
        Map<PersonField, String> values = new EnumMap<>(PersonField.class);
        for (int i = 0; i < columns.length; i++) {
            values.put(columns[i], record.get(i));
        }
        return validator.validate(line, values);
    }

    private CSVRecord nextRecord() {
        // Where the record being read starts: an unclosed quote is only noticed at the end of the file, and the
        // parser's line there (the file's last) does not help anyone find the quote.
        long start = parser.getCurrentLineNumber() + 1;
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            // The parser's message may quote file content, which is personal data: report only where it broke.
            throw new ImportFileException(start, "the CSV is malformed in the row starting near line " + start
                    + " (a quoted field that is not closed, or text after a closing quote; a quote inside a field is "
                    + "written twice: \"\")");
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
