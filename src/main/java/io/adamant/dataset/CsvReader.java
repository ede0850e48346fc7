package io.adamant.dataset;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time, so that a file is never held whole: fields separated
 * by commas, optionally enclosed in double quotes (a quoted field may hold commas, line
 * breaks and {@code ""} for a quote), records ended by LF, CRLF or CR. A leading UTF-8
 * byte order mark is skipped, and so are blank lines, which spreadsheets often leave at
 * the end.
 */
final class CsvReader {

	private static final int EOF = -1;

	private final Reader in;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	private boolean started;

	/** The line the reader is on, 1-based. */
	private int line = 1;

	private int recordLine;

	CsvReader(Reader in) {
		this.in = in;
	}

	/**
	 * The next record's fields, or {@code null} at the end of the input.
	 * @throws CsvFormatException where a quoted field is malformed
	 */
	List<String> next() throws IOException {
		if (!this.started) {
			this.started = true;
			if (peek() == '\uFEFF') {
				read();
			}
		}
		while (peek() != EOF) {
			this.recordLine = this.line;
			List<String> fields = new ArrayList<>();
			boolean quoted = readRecord(fields);
			boolean blankLine = fields.size() == 1 && !quoted && fields.get(0).isBlank();
			if (!blankLine) {
				return fields;
			}
		}
		return null;
	}

	/**
	 * The line on which the record last read starts, 1-based: the one {@link #next()}
	 * returned, or the one it failed on.
	 */
	int recordLine() {
		return this.recordLine;
	}

	/**
	 * Reads the fields of one record and its line break.
	 * @return whether any field was quoted (a quoted empty field is not a blank line)
	 */
	private boolean readRecord(List<String> fields) throws IOException {
		StringBuilder field = new StringBuilder();
		boolean anyQuoted = false;
		while (true) {
			field.setLength(0);
			if (peek() == '"') {
				read();
				readQuoted(field);
				anyQuoted = true;
			}
			else {
				for (int c = peek(); c != ',' && c != '\n' && c != '\r' && c != EOF; c = peek()) {
					field.append((char) read());
				}
			}
			fields.add(field.toString());
			int c = read();
			if (c != ',') {
				if (c == '\r' && peek() == '\n') {
					read();
				}
				if (c != EOF) {
					this.line++;
				}
				return anyQuoted;
			}
		}
	}

	private void readQuoted(StringBuilder field) throws IOException {
		int startLine = this.line;
		while (true) {
			int c = read();
			if (c == EOF) {
				throw new CsvFormatException(
						"a quoted field that starts on line %d is never closed".formatted(startLine));
			}
			if (c == '"') {
				if (peek() == '"') {
					read();
					field.append('"');
					continue;
				}
				int after = peek();
				if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
					throw new CsvFormatException(
							"unexpected character '%c' after the closing quote of a field".formatted((char) after));
				}
				return;
			}
			if (c == '\r') {
				if (peek() == '\n') {
					read();
				}
				field.append('\n');
				this.line++;
				continue;
			}
			if (c == '\n') {
				this.line++;
			}
			field.append((char) c);
		}
	}

	private int peek() throws IOException {
		if (this.position == this.limit && !fill()) {
			return EOF;
		}
		return this.buffer[this.position];
	}

	private int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return EOF;
		}
		return this.buffer[this.position++];
	}

	private boolean fill() throws IOException {
		int count = this.in.read(this.buffer);
		if (count <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = count;
		return true;
	}

	/** A record that is not valid CSV. */
	static final class CsvFormatException extends IOException {

		CsvFormatException(String message) {
			super(message);
		}

	}

}
