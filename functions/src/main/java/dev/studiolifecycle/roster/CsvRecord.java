package dev.studiolifecycle.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of a CSV text (RFC 4180): its fields, and the line it starts on. A quoted field may
 * hold commas, doubled quotes and line breaks; a record whose quote never closes is {@code
 * unterminated} and runs to the end of the text.
 */
record CsvRecord(int line, List<String> fields, boolean unterminated) {

  boolean blank() {
    return fields.size() == 1 && fields.get(0).isBlank();
  }

  static List<CsvRecord> parse(String text) {
    List<CsvRecord> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int start = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        records.add(new CsvRecord(start, List.copyOf(fields), false));
        fields.clear();
        field.setLength(0);
        line++;
        start = line;
      } else {
        field.append(c);
      }
      i++;
    }
    if (quoted || field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(new CsvRecord(start, List.copyOf(fields), quoted));
    }
    return records;
  }
}
