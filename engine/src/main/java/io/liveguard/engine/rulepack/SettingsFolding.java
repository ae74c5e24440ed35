package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.antlr.runtime.CommonToken;
import org.antlr.runtime.CommonTokenStream;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DRLFactory;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.lang.DRL6Lexer;
import org.kie.internal.builder.conf.LanguageLevelOption;

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
 * The structure comes from Drools' own parser, the one its compiler runs
 * ({@link DrlParser} at its default language level): rules, their top-level conditions,
 * patterns, constraints and consequences are its descrs, a binding is what its constraint
 * parser ({@link DrlExprParser}) makes of the constraint, and the variable's occurrences
 * are identifier tokens of its lexer, so nothing in a string literal, a comment or a rule
 * name is taken for a keyword or a variable. The text is edited at the character offsets
 * the descrs carry, and only after checking that the text found there is the descr's own
 * (a rule whose offsets do not check out is left as written).
 * <p>
 * Folding is conservative: a pattern is folded only where it is a top-level condition of
 * a rule (not inside {@code not}, {@code exists}, {@code or}, {@code accumulate}, not
 * bound, not {@code from} anything), with only {@code num("...")} bindings whose values
 * are finite; and only if every other occurrence of its variables in the rule is inside a
 * named constraint of a later top-level pattern that tests no equality or membership (see
 * {@link #EQUALITY}), never in the consequence (the lexer reads the consequence too), nor
 * anywhere else; and not in a rule that extends another or is extended. Nothing is folded
 * in a pack whose scoring DRL deletes, retracts, modifies or updates facts (a word check
 * on consequences and functions, which are Java or MVEL text: a word in a string or
 * comment there only leaves the pack as written), or declares types, or in a file that
 * does not import {@link PackSettings} or does not parse. Anything else is left as
 * written. The binding is always removed with its pattern, so a use of the variable this
 * class failed to see (the DRL lexer misreading some Java in a consequence) leaves an
 * unknown variable, not a different meaning: the folded DRL does not compile, and then
 * {@link RulePackCompiler} compiles the DRL as written instead.
 */
final class SettingsFolding {

	private static final String SETTINGS_TYPE = PackSettings.class.getSimpleName();

	private static final Set<String> SETTINGS_IMPORTS = Set.of(PackSettings.class.getName(),
			PackSettings.class.getPackageName() + ".*");

	/**
	 * What a consequence or function must not do for the settings fact to be known to
	 * match once (a word check on Java or MVEL text: a false hit only leaves the pack as
	 * written).
	 */
	private static final Pattern CHANGES_FACTS = Pattern
		.compile("\\b(delete|retract|modify|update)\\b|" + Pattern.quote("getKieRuntime"));

	/** The argument of a binding's {@code num("key")}, the only setting read folded. */
	private static final Pattern NUM_CALL = Pattern.compile("num\\(\\s*\"([^\"\\\\]+)\"\\s*\\)");

	/**
	 * Tokens that make a constraint an equality or membership test. Drools indexes
	 * {@code n == $x} by hashing {@code $x} narrowed to the type of {@code n} (an
	 * {@code int} 20 then equals a setting of 20.5), which a literal would not reproduce;
	 * a variable used in such a constraint is not folded.
	 */
	private static final Set<String> EQUALITY = Set.of("==", "!=", "~=", ":=", "in", "contains", "memberOf", "excludes",
			"matches", "soundslike", "str");

	/** Tokens after a variable that would make a literal there something else. */
	private static final Set<String> NOT_A_VALUE_AFTER = Set.of(".", "[", "(", "!.", "#");

	private SettingsFolding() {
	}

	/**
	 * The scoring DRL files with their settings folded, in the same order; a file with
	 * nothing to fold is returned as it was.
	 */
	static List<PackFile> fold(List<PackFile> scoring, PackSettings settings) {
		List<Parsed> parsed = new ArrayList<>(scoring.size());
		for (PackFile file : scoring) {
			Parsed drl = Parsed.of(file.content());
			if (drl == null || changesFacts(drl.pack())) {
				return scoring;
			}
			parsed.add(drl);
		}
		List<PackFile> folded = new ArrayList<>(scoring.size());
		for (int i = 0; i < scoring.size(); i++) {
			folded.add(new PackFile(scoring.get(i).path(), fold(parsed.get(i), settings)));
		}
		return folded;
	}

	/** One DRL file's text with its settings folded. */
	static String fold(String drl, PackSettings settings) {
		Parsed parsed = Parsed.of(drl);
		return (parsed != null) ? fold(parsed, settings) : drl;
	}

	private static String fold(Parsed drl, PackSettings settings) {
		if (drl.pack().getImports().stream().map(ImportDescr::getTarget).noneMatch(SETTINGS_IMPORTS::contains)) {
			return drl.text();
		}
		Set<String> parents = new HashSet<>();
		for (RuleDescr rule : drl.pack().getRules()) {
			if (rule.getParentName() != null) {
				parents.add(rule.getParentName());
			}
		}
		List<Edit> edits = new ArrayList<>();
		for (RuleDescr rule : drl.pack().getRules()) {
			boolean inherits = rule.getParentName() != null || parents.contains(rule.getName());
			if (!(rule instanceof QueryDescr) && !inherits) {
				edits.addAll(foldRule(drl, rule, settings));
			}
		}
		if (edits.isEmpty()) {
			return drl.text();
		}
		edits.sort(Comparator.comparingInt(Edit::start));
		StringBuilder out = new StringBuilder(drl.text().length() + 64);
		int last = 0;
		for (Edit edit : edits) {
			out.append(drl.text(), last, edit.start()).append(edit.replacement());
			last = edit.end();
		}
		return out.append(drl.text(), last, drl.text().length()).toString();
	}

	/**
	 * The edits that fold one rule's settings patterns, none for a rule left as written.
	 */
	private static List<Edit> foldRule(Parsed drl, RuleDescr rule, PackSettings settings) {
		AndDescr conditions = rule.getLhs();
		if (conditions == null || rule.getStartCharacter() < 0 || rule.getEndCharacter() <= rule.getStartCharacter()) {
			return List.of();
		}
		// the rule's span must run from its "rule" to its "end", consequence included
		CommonToken first = drl.tokenAt(rule.getStartCharacter());
		CommonToken last = drl.tokenBefore(rule.getEndCharacter());
		if (first == null || last == null || first.getStartIndex() != rule.getStartCharacter()
				|| !"rule".equals(first.getText()) || !"end".equals(last.getText())) {
			return List.of();
		}
		List<BaseDescr> children = conditions.getDescrs();
		List<Edit> edits = new ArrayList<>();
		for (int i = 0; i < children.size(); i++) {
			if (children.get(i) instanceof PatternDescr pattern && isSettings(pattern)) {
				edits.addAll(foldPattern(drl, rule, children, i, settings));
			}
		}
		return edits;
	}

	private static boolean isSettings(PatternDescr pattern) {
		return SETTINGS_TYPE.equals(pattern.getObjectType())
				|| PackSettings.class.getName().equals(pattern.getObjectType());
	}

	/**
	 * The edits that fold the settings pattern at {@code index} of the rule's top-level
	 * conditions: blank the pattern, replace each use of its variables by a literal; none
	 * if anything says it should stay.
	 */
	private static List<Edit> foldPattern(Parsed drl, RuleDescr rule, List<BaseDescr> children, int index,
			PackSettings settings) {
		PatternDescr pattern = (PatternDescr) children.get(index);
		if (pattern.getIdentifier() != null || pattern.getSource() != null || !pattern.getBehaviors().isEmpty()
				|| pattern.isQuery() || pattern.isUnification() || !standsAlone(drl, rule, children, index)) {
			return List.of();
		}
		Map<String, Double> values = values(drl, pattern, settings);
		if (values == null || values.isEmpty()) {
			return List.of();
		}
		List<Edit> edits = new ArrayList<>();
		edits.add(new Edit(pattern.getStartCharacter(), pattern.getEndCharacter(),
				blank(drl.text(), pattern.getStartCharacter(), pattern.getEndCharacter())));
		for (Map.Entry<String, Double> value : values.entrySet()) {
			String variable = value.getKey();
			if (drl.pack().getGlobals().stream().anyMatch((global) -> variable.equals(global.getIdentifier()))) {
				return List.of();
			}
			boolean bound = false;
			for (CommonToken use : drl.identifiers(variable, rule.getStartCharacter(), rule.getEndCharacter())) {
				if (within(use, pattern.getStartCharacter(), pattern.getEndCharacter()) && !bound) {
					bound = true;
				}
				else if (foldableUse(drl, use, children, index)) {
					edits.add(new Edit(use.getStartIndex(), use.getStopIndex() + 1, literal(value.getValue())));
				}
				else {
					return List.of();
				}
			}
			if (!bound) {
				return List.of();
			}
		}
		return edits;
	}

	/**
	 * Whether the pattern's text is exactly what sits between the previous condition (or
	 * {@code when}) and the next one (or {@code then}), so that blanking it leaves no
	 * {@code from}, {@code or} or anything else hanging, and the offsets are the ones of
	 * the text.
	 */
	private static boolean standsAlone(Parsed drl, RuleDescr rule, List<BaseDescr> children, int index) {
		PatternDescr pattern = (PatternDescr) children.get(index);
		int start = pattern.getStartCharacter();
		int end = pattern.getEndCharacter();
		if (start < rule.getStartCharacter() || end <= start || end > rule.getEndCharacter()) {
			return false;
		}
		CommonToken first = drl.tokenAt(start);
		CommonToken last = drl.tokenBefore(end);
		if (first == null || last == null || first.getStartIndex() != start
				|| !pattern.getObjectType().equals(first.getText()) || last.getStopIndex() != end - 1
				|| !")".equals(last.getText())) {
			return false;
		}
		CommonToken before = drl.tokenBefore(start);
		CommonToken after = drl.tokenAt(end);
		if (before == null || after == null) {
			return false;
		}
		boolean startsTheConditions = (index == 0) ? "when".equals(before.getText())
				: before.getStopIndex() == children.get(index - 1).getEndCharacter() - 1;
		boolean endsTheConditions = (index == children.size() - 1) ? "then".equals(after.getText())
				: after.getStartIndex() == children.get(index + 1).getStartCharacter();
		return startsTheConditions && endsTheConditions;
	}

	/**
	 * The variables the pattern binds and their values, or null if it does anything but
	 * bind finite numeric settings.
	 */
	private static Map<String, Double> values(Parsed drl, PatternDescr pattern, PackSettings settings) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (BaseDescr constraint : pattern.getDescrs()) {
			if (!(constraint instanceof ExprConstraintDescr expression)
					|| expression.getType() != ExprConstraintDescr.Type.NAMED || drl.span(expression) == null) {
				return null;
			}
			DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(drl.level());
			ConstraintConnectiveDescr parsed = parser.parse(expression.getExpression());
			if (parser.hasErrors() || parsed == null || parsed.getDescrs().size() != 1
					|| !(parsed.getDescrs().get(0) instanceof BindingDescr binding) || binding.isUnification()) {
				return null;
			}
			Matcher num = NUM_CALL.matcher(binding.getExpression().strip());
			// a variable without "$" could be the name of a property of a later pattern
			if (!num.matches() || !binding.getVariable().startsWith("$") || values.containsKey(binding.getVariable())
					|| !settings.isNumeric(num.group(1))) {
				return null;
			}
			double value = settings.num(num.group(1));
			if (!Double.isFinite(value)) {
				return null;
			}
			values.put(binding.getVariable(), value);
		}
		return values;
	}

	/**
	 * Whether a use of a variable is a value inside a named constraint of a later
	 * top-level pattern that tests no equality or membership.
	 */
	private static boolean foldableUse(Parsed drl, CommonToken use, List<BaseDescr> children, int index) {
		CommonToken next = drl.tokenAt(use.getStopIndex() + 1);
		if (next != null && NOT_A_VALUE_AFTER.contains(next.getText())) {
			return false;
		}
		for (int i = index + 1; i < children.size(); i++) {
			if (!(children.get(i) instanceof PatternDescr later) || isSettings(later)) {
				continue;
			}
			for (BaseDescr constraint : later.getDescrs()) {
				if (constraint instanceof ExprConstraintDescr expression
						&& expression.getType() == ExprConstraintDescr.Type.NAMED) {
					int[] span = drl.span(expression);
					if (span != null && within(use, span[0], span[1])) {
						return drl.tokens(span[0], span[1]).stream().map(Token::getText).noneMatch(EQUALITY::contains);
					}
				}
			}
		}
		return false;
	}

	private static boolean within(CommonToken token, int start, int end) {
		return token.getStartIndex() >= start && token.getStopIndex() < end;
	}

	/** The text from start to end with everything but line breaks made spaces. */
	private static String blank(String text, int start, int end) {
		StringBuilder blanked = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			blanked.append((c == '\n' || c == '\r') ? c : ' ');
		}
		return blanked.toString();
	}

	/** Whether the pack's DRL may change or retract facts, or declares types. */
	private static boolean changesFacts(PackageDescr pack) {
		if (!pack.getTypeDeclarations().isEmpty() || !pack.getEnumDeclarations().isEmpty()) {
			return true;
		}
		List<String> code = new ArrayList<>();
		for (RuleDescr rule : pack.getRules()) {
			code.add(String.valueOf(rule.getConsequence()));
			rule.getNamedConsequences().values().forEach((named) -> code.add(String.valueOf(named)));
		}
		for (FunctionDescr function : pack.getFunctions()) {
			code.add(function.getBody());
		}
		return code.stream().anyMatch((text) -> CHANGES_FACTS.matcher(text).find());
	}

	/** A double literal Drools reads back as exactly {@code value}. */
	static String literal(double value) {
		return Double.toString(value) + "d";
	}

	private record Edit(int start, int end, String replacement) {
	}

	/**
	 * A DRL file as Drools' parser and lexer see it: its descrs, and its tokens other
	 * than whitespace and comments, with their character offsets.
	 */
	private record Parsed(String text, PackageDescr pack, LanguageLevelOption level, List<CommonToken> tokens) {

		/** The parsed file, or null if it does not parse (it is then left as written). */
		static Parsed of(String text) {
			LanguageLevelOption level = DrlParser.DEFAULT_LANGUAGE_LEVEL;
			DrlParser parser = new DrlParser(level);
			PackageDescr pack;
			try {
				pack = parser.parse(null, text);
			}
			catch (DroolsParserException | RuntimeException unparsable) {
				return null;
			}
			if (pack == null || parser.hasErrors()) {
				return null;
			}
			// the DRL 6 lexer: strings, comments and identifiers are lexed alike at every
			// level, and the offsets it gives are checked against the descrs' before use
			CommonTokenStream stream = new CommonTokenStream(
					(TokenSource) DRLFactory.buildLexer(text, LanguageLevelOption.DRL6));
			stream.fill();
			List<CommonToken> tokens = new ArrayList<>();
			for (Object token : stream.getTokens()) {
				CommonToken lexed = (CommonToken) token;
				if (lexed.getChannel() == Token.DEFAULT_CHANNEL && lexed.getType() != Token.EOF) {
					tokens.add(lexed);
				}
			}
			return new Parsed(text, pack, level, tokens);
		}

		/** Identifier tokens spelling {@code name} between the offsets. */
		List<CommonToken> identifiers(String name, int start, int end) {
			return tokens(start, end).stream()
				.filter((token) -> token.getType() == DRL6Lexer.ID && name.equals(token.getText()))
				.toList();
		}

		/** The tokens that lie wholly between the offsets. */
		List<CommonToken> tokens(int start, int end) {
			return this.tokens.stream().filter((token) -> within(token, start, end)).toList();
		}

		/** The first token that starts at or after the offset, or null. */
		CommonToken tokenAt(int offset) {
			return this.tokens.stream().filter((token) -> token.getStartIndex() >= offset).findFirst().orElse(null);
		}

		/** The last token that ends before the offset, or null. */
		CommonToken tokenBefore(int offset) {
			CommonToken before = null;
			for (CommonToken token : this.tokens) {
				if (token.getStopIndex() < offset) {
					before = token;
				}
			}
			return before;
		}

		/**
		 * Where the constraint's expression is in the text, start inclusive and end
		 * exclusive, or null if the text at its offset is not its expression.
		 */
		int[] span(ExprConstraintDescr constraint) {
			int start = constraint.getStartCharacter();
			String expression = constraint.getExpression();
			if (start < 0 || expression == null || expression.isBlank() || !this.text.startsWith(expression, start)) {
				return null;
			}
			return new int[] { start, start + expression.length() };
		}

	}

}
