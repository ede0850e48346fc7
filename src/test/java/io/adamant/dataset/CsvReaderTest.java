package io.adamant.dataset;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The CSV dialect uploads are read in, record by record. */
class CsvReaderTest {

	@Test
	void readsPlainRecordsEndedByLfCrlfOrCr() throws IOException {
		assertThat(records("a,b\n1,2\r\n3,4\r5,6")).containsExactly(List.of("a", "b"), List.of("1", "2"),
				List.of("3", "4"), List.of("5", "6"));
	}

	@Test
	void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
		CsvReader csv = new CsvReader(
				new StringReader("\"a, b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x\nlast,\"\"\n"));

		assertThat(csv.next()).containsExactly("a, b", "say \"hi\"");
		assertThat(csv.recordLine()).isEqualTo(1);
		assertThat(csv.next()).containsExactly("two\nlines", "x");
		assertThat(csv.recordLine()).isEqualTo(2);
		assertThat(csv.next()).containsExactly("last", "");
		assertThat(csv.recordLine()).as("the quoted line break counts as a line").isEqualTo(4);
		assertThat(csv.next()).isNull();
	}

	@Test
	void skipsAByteOrderMarkAndBlankLinesButKeepsEmptyFields() throws IOException {
		CsvReader csv = new CsvReader(new StringReader("\uFEFFa,b\n\n  \n,\n\"\"\n1,2\n\n"));

		assertThat(csv.next()).containsExactly("a", "b");
		assertThat(csv.next()).containsExactly("", "");
		assertThat(csv.recordLine()).isEqualTo(4);
		assertThat(csv.next()).as("a quoted empty field is a record, not a blank line").containsExactly("");
		assertThat(csv.next()).containsExactly("1", "2");
		assertThat(csv.recordLine()).isEqualTo(6);
		assertThat(csv.next()).isNull();
	}

	@Test
	void emptyInputHasNoRecords() throws IOException {
		assertThat(records("")).isEmpty();
		assertThat(records("\n\r\n")).isEmpty();
	}

	@Test
	void readsRecordsLongerThanItsBuffer() throws IOException {
		String longField = "x".repeat(20_000);
		assertThat(records(longField + ",\"" + longField + "\"\n")).containsExactly(List.of(longField, longField));
	}

	@Test
	void refusesAnUnclosedQuote() {
		CsvReader csv = new CsvReader(new StringReader("a,b\n1,\"2\n3,4\n"));

		assertThatExceptionOfType(CsvReader.CsvFormatException.class).isThrownBy(() -> {
			csv.next();
			csv.next();
		}).withMessage("a quoted field that starts on line 2 is never closed");
	}

	@Test
	void refusesTextAfterAClosingQuote() {
		CsvReader csv = new CsvReader(new StringReader("\"a\"b,c\n"));

		assertThatExceptionOfType(CsvReader.CsvFormatException.class).isThrownBy(csv::next)
			.withMessage("unexpected character 'b' after the closing quote of a field");
	}

	@Test
	void decimalNumbersOnly() {
		assertThat(List.of("1", "-1", "+1.5", ".5", "5.", "1e3", "1E-3", "-0.25e+2"))
			.allMatch(CsvDatasetParser::isDecimal);
		assertThat(List.of("", "-", ".", "e3", "1e", "1f", "0x1p3", "NaN", "Infinity", "1,5", "1 2", "١"))
			.noneMatch(CsvDatasetParser::isDecimal);
	}

	private static List<List<String>> records(String text) throws IOException {
		CsvReader csv = new CsvReader(new StringReader(text));
		List<List<String>> records = new ArrayList<>();
		for (List<String> record = csv.next(); record != null; record = csv.next()) {
			records.add(record);
		}
		return records;
	}

}
