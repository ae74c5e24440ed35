package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a scoring rule's numeric settings once, when the pack is compiled, instead of
 * at every join: a pattern that only binds settings,
 * {@code PackSettings( $min : num("flag.minConfidence") )}, is taken out of the rule and
 * every {@code $min} of its conditions becomes the setting's value as a double literal
 * ({@code 0.8d}). The DRL analysts write and read does not change; only the text given to
 * Drools does, line for line (the pattern is blanked, so lines and columns of everything
 * else stay).
 * <p>
 * Drools re-evaluates such a binding with the MVEL interpreter each time a constraint
 * reads it and joins every fact of the rule with the settings fact; a literal is
 * evaluated once per fact in an alpha node. The rule matches the same facts: the compiled
 * pack inserts exactly one immutable {@link PackSettings} into every scoring session, so
 * the pattern always matched once with these values. The literal carries the {@code d}
 * suffix so that Drools compares it as the double the binding was (a plain {@code 20.5}
 * against an {@code int} property is narrowed to {@code 20} by Drools' alpha range index
 * when many rules compare that property).
 * <p>
 * Folding is conservative: a pattern is folded only where it stands on its own at the top
 * level of a rule's conditions, with only {@code num("...")} bindings whose values are
 * finite, whose variables the consequence does not use and the conditions do not test for
 * equality or membership (see {@code onlyOrdered}); and nothing is folded in a pack whose
 * scoring DRL deletes, retracts, modifies or updates facts, or declares types, or in a
 * file that does not import {@link PackSettings}. Anything else is left as written. If
 * the folded DRL does not compile, {@link RulePackCompiler} compiles the DRL as written
 * instead.
 */
final class SettingsFolding {

	private static final Pattern IMPORTS_SETTINGS = Pattern
		.compile("(?m)^\\s*import\\s+io\\.liveguard\\.engine\\.rulepack\\.(PackSettings|\\*)\\s*;?");

	/** What a pack must not do for its settings fact to be known to match once. */
	private static final Pattern CHANGES_FACTS = Pattern
		.compile("\\b(delete|retract|modify|update|declare)\\b|" + Pattern.quote("getKieRuntime"));

	private static final Pattern RULE_CONDITIONS = Pattern.compile("(?s)\\bwhen\\b(.*?)\\bthen\\b");

	private static final Pattern NEXT_WHEN = Pattern.compile("\\bwhen\\b");

	private static final String BINDING = "(\\$[A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*num\\(\\s*\"([^\"]+)\"\\s*\\)";

	private static final Pattern SETTINGS_PATTERN = Pattern
		.compile("\\bPackSettings\\s*\\(\\s*" + BINDING + "(\\s*,\\s*" + BINDING + ")*\\s*\\)");

	private static final Pattern ONE_BINDING = Pattern.compile(BINDING);

	/** Words that tie a pattern to what precedes or follows it. */
	private static final Pattern TIED_AFTER = Pattern.compile("^((from|over|or|and)\\b|\\|\\||&&|\\.|\\[).*",
			Pattern.DOTALL);

	private SettingsFolding() {
	}

	/**
	 * The scoring DRL files with their settings folded, in the same order; a file with
	 * nothing to fold is returned as it was.
	 */
	static List<PackFile> fold(List<PackFile> scoring, PackSettings settings) {
		for (PackFile file : scoring) {
			if (CHANGES_FACTS.matcher(withoutComments(file.content())).find()) {
				return scoring;
			}
		}
		List<PackFile> folded = new ArrayList<>(scoring.size());
		for (PackFile file : scoring) {
			folded.add(new PackFile(file.path(), fold(file.content(), settings)));
		}
		return folded;
	}

	/** One DRL file's text with its settings folded. */
	static String fold(String drl, PackSettings settings) {
		if (!IMPORTS_SETTINGS.matcher(drl).find()) {
			return drl;
		}
		StringBuilder out = new StringBuilder(drl.length() + 64);
		int last = 0;
		Matcher rule = RULE_CONDITIONS.matcher(drl);
		while (rule.find()) {
			Matcher nextWhen = NEXT_WHEN.matcher(drl);
			int consequenceEnd = nextWhen.find(rule.end()) ? nextWhen.start() : drl.length();
			String consequence = drl.substring(rule.end(), consequenceEnd);
			out.append(drl, last, rule.start(1));
			out.append(foldConditions(rule.group(1), consequence, settings));
			last = rule.end(1);
		}
		out.append(drl, last, drl.length());
		return out.toString();
	}

	/** A rule's conditions with each foldable settings pattern folded. */
	private static String foldConditions(String conditions, String consequence, PackSettings settings) {
		String folded = conditions;
		int from = 0;
		Matcher pattern = SETTINGS_PATTERN.matcher(folded);
		while (pattern.find(from)) {
			Map<String, Double> values = foldable(folded, pattern, consequence, settings);
			if (values == null) {
				from = pattern.end();
				continue;
			}
			StringBuilder blanked = new StringBuilder(folded.length());
			blanked.append(folded, 0, pattern.start());
			for (int i = pattern.start(); i < pattern.end(); i++) {
				char c = folded.charAt(i);
				blanked.append((c == '\n' || c == '\r') ? c : ' ');
			}
			String rest = folded.substring(pattern.end());
			for (Map.Entry<String, Double> value : values.entrySet()) {
				rest = replaceVariable(rest, value.getKey(), literal(value.getValue()));
			}
			from = pattern.end();
			folded = blanked.append(rest).toString();
			pattern = SETTINGS_PATTERN.matcher(folded);
		}
		return folded;
	}

	/** The variables the pattern binds and their values, or null to leave it. */
	private static Map<String, Double> foldable(String conditions, Matcher pattern, String consequence,
			PackSettings settings) {
		String before = withoutComments(conditions.substring(0, pattern.start())).strip();
		if (!before.isEmpty() && !before.endsWith(")")) {
			return null;
		}
		if (depth(before) != 0) {
			return null;
		}
		String after = withoutComments(conditions.substring(pattern.end())).strip();
		if (TIED_AFTER.matcher(after).matches()) {
			return null;
		}
		Map<String, Double> values = new LinkedHashMap<>();
		Matcher binding = ONE_BINDING.matcher(pattern.group());
		while (binding.find()) {
			String variable = binding.group(1);
			if (!settings.isNumeric(binding.group(2)) || values.containsKey(variable) || mentions(before, variable)
					|| mentions(consequence, variable) || !onlyOrdered(after, variable)) {
				return null;
			}
			double value = settings.num(binding.group(2));
			if (!Double.isFinite(value)) {
				return null;
			}
			values.put(variable, value);
		}
		return values;
	}

	/**
	 * Whether every use of the variable in the conditions is inside a pattern's
	 * constraint that orders or computes ({@code <}, {@code >=}, {@code *}...) and does
	 * not test equality or membership. Drools indexes {@code n == $x} by hashing
	 * {@code $x} narrowed to the type of {@code n} (an {@code int} 20 then equals a
	 * setting of 20.5), which a literal would not reproduce; such a rule is left as
	 * written.
	 */
	private static boolean onlyOrdered(String conditions, String variable) {
		String text = withoutStrings(conditions);
		Matcher use = Pattern.compile(Pattern.quote(variable) + "(?![A-Za-z0-9_$])").matcher(text);
		while (use.find()) {
			int open = patternOpen(text, use.start());
			if (open < 0) {
				return false;
			}
			int close = matchingClose(text, open);
			if (close < 0) {
				return false;
			}
			for (String constraint : constraints(text.substring(open + 1, close))) {
				if (mentions(constraint, variable) && EQUALITY.matcher(constraint).find()) {
					return false;
				}
			}
		}
		return true;
	}

	private static final Pattern EQUALITY = Pattern
		.compile("==|!=|~=|\\b(in|contains|memberOf|excludes|matches|soundslike|str)\\b");

	/**
	 * The opening parenthesis of the pattern around {@code index} (one that follows a
	 * type name, not a method call or a group), or -1.
	 */
	private static int patternOpen(String text, int index) {
		int depth = 0;
		for (int i = index - 1; i >= 0; i--) {
			char c = text.charAt(i);
			if (c == ')') {
				depth++;
			}
			else if (c == '(') {
				if (depth > 0) {
					depth--;
					continue;
				}
				int end = i;
				while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
					end--;
				}
				int start = end;
				while (start > 0
						&& (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
					start--;
				}
				boolean typeName = start < end && Character.isUpperCase(text.charAt(start))
						&& (start == 0 || text.charAt(start - 1) != '.');
				if (typeName) {
					return i;
				}
			}
		}
		return -1;
	}

	private static int matchingClose(String text, int open) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A pattern's constraints: split at its top-level commas and at every {@code &&} and
	 * {@code ||}.
	 */
	private static List<String> constraints(String inside) {
		List<String> constraints = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < inside.length(); i++) {
			char c = inside.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if ((c == ',' && depth == 0) || inside.startsWith("&&", i) || inside.startsWith("||", i)) {
				constraints.add(inside.substring(start, i));
				start = (c == ',') ? i + 1 : i + 2;
			}
		}
		constraints.add(inside.substring(start));
		return constraints;
	}

	/** The text with the contents of its string literals blanked. */
	private static String withoutStrings(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				int end = stringEnd(text, i);
				out.append('"').append(" ".repeat(Math.max(0, end - i - 2))).append('"');
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	/** A double literal Drools reads back as exactly {@code value}. */
	static String literal(double value) {
		return Double.toString(value) + "d";
	}

	private static boolean mentions(String text, String variable) {
		return Pattern.compile(Pattern.quote(variable) + "(?![A-Za-z0-9_$])").matcher(text).find();
	}

	/**
	 * Replaces the variable where it is a whole name outside string literals, so that
	 * {@code $min} does not touch {@code $minReports} or {@code "$min"}.
	 */
	private static String replaceVariable(String text, String variable, String literal) {
		StringBuilder replaced = new StringBuilder(text.length() + 16);
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				int end = stringEnd(text, i);
				replaced.append(text, i, end);
				i = end;
			}
			else if (text.startsWith(variable, i) && (i == 0 || !isNamePart(text.charAt(i - 1)))
					&& (i + variable.length() == text.length() || !isNamePart(text.charAt(i + variable.length())))) {
				replaced.append(literal);
				i += variable.length();
			}
			else {
				replaced.append(c);
				i++;
			}
		}
		return replaced.toString();
	}

	private static boolean isNamePart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	/** The index just past the string literal that opens at {@code start}. */
	private static int stringEnd(String text, int start) {
		int i = start + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\') {
				i += 2;
			}
			else if (c == '"') {
				return i + 1;
			}
			else {
				i++;
			}
		}
		return text.length();
	}

	/** Parentheses left open, outside string literals. */
	private static int depth(String text) {
		int depth = 0;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				i = stringEnd(text, i);
				continue;
			}
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			i++;
		}
		return depth;
	}

	/** The text with its line and block comments blanked, strings kept. */
	static String withoutComments(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"') {
				int end = stringEnd(text, i);
				out.append(text, i, end);
				i = end;
			}
			else if (text.startsWith("//", i)) {
				int end = text.indexOf('\n', i);
				i = (end < 0) ? text.length() : end;
			}
			else if (text.startsWith("/*", i)) {
				int end = text.indexOf("*/", i + 2);
				i = (end < 0) ? text.length() : end + 2;
				out.append(' ');
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

}
