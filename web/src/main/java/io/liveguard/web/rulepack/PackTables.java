package io.liveguard.web.rulepack;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The pack files analysts edit as tables rather than as text: keyword lists (one phrase a
 * row, the comment lines kept on top) and the findings decision table
 * ({@code findings.csv}, a row a code).
 */
final class PackTables {

	static final String FINDINGS = "findings.csv";

	private static final CsvMapper CSV = new CsvMapper();

	private PackTables() {
	}

	static boolean isKeywordList(String path) {
		return path.startsWith("keywords/") && path.endsWith(".txt");
	}

	/** The comment lines at the top of a keyword list. */
	static List<String> keywordComments(String content) {
		return content.lines().filter((line) -> line.strip().startsWith("#")).toList();
	}

	/** The phrases of a keyword list. */
	static List<String> keywords(String content) {
		return content.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")).toList();
	}

	/** A keyword list from its comments and phrases, blank phrases left out. */
	static String keywordList(List<String> comments, List<String> phrases) {
		StringBuilder text = new StringBuilder();
		comments.forEach((comment) -> text.append(comment).append('\n'));
		phrases.stream()
			.map(String::strip)
			.filter((phrase) -> !phrase.isEmpty())
			.forEach((phrase) -> text.append(phrase).append('\n'));
		return text.toString();
	}

	/** The rows of a CSV file, the header first; an unreadable file gives no rows. */
	static List<List<String>> rows(String csv) {
		List<List<String>> rows = new ArrayList<>();
		try (MappingIterator<List<String>> values = CSV.readerFor(List.class)
			.with(CsvReadFeature.WRAP_AS_ARRAY)
			.with(CsvReadFeature.SKIP_EMPTY_LINES)
			.readValues(csv)) {
			while (values.hasNextValue()) {
				rows.add(values.nextValue());
			}
		}
		catch (RuntimeException ex) {
			return List.of();
		}
		return rows;
	}

	/**
	 * A CSV file from its header and rows (rows with every cell blank left out), quoted
	 * as needed.
	 */
	static String csv(List<String> header, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(header);
		rows.stream().filter((row) -> row.stream().anyMatch((cell) -> !cell.isBlank())).forEach(all::add);
		return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValueAsString(all);
	}

}
