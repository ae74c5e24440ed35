package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.jspecify.annotations.Nullable;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * What DRL written by users may do, decided from the parsed pack rather than its text.
 * Pack DRL is compiled into the server, so every file goes through Drools' own parser,
 * and what it describes is checked against an allowlist before the Drools builder sees
 * the file:
 * <ul>
 * <li>the package: imports of allowed types only ({@link PackTypes}); no functions,
 * globals, queries, declared types, window or entry point declarations or accumulate
 * functions of its own, except that a declare may make one of the engine's event types
 * ({@code LiveSignal}) an event, with {@code @role(event)}, {@code @timestamp} of its
 * property and {@code @expires} of a time; no MVEL dialect; of the rule attributes only
 * {@code salience} (a number), {@code no-loop}, {@code lock-on-active},
 * {@code agenda-group} and {@code activation-group};</li>
 * <li>rule conditions: patterns over allowed types, with at most {@value #MAX_PATTERNS}
 * patterns a rule (the cost of a join grows with the facts to the power of its patterns);
 * constraints parsed by Drools' expression parser into comparisons ({@code ==},
 * {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code in}, {@code contains},
 * {@code memberOf}), whose operands are parsed as Java; {@code from} over an allowed
 * expression, {@code accumulate} with the built-in functions only, {@code collect},
 * {@code not}, {@code exists}, {@code forall}, {@code or}, {@code over window:time} of a
 * time (events expire out of it; {@code window:length} would keep them); no {@code eval},
 * no regular expressions ({@code matches}: a backtracking engine can take exponential
 * time), no {@code soundslike} or {@code str};</li>
 * <li>consequences parsed as Java (a real parser: a call is seen however it is laid out):
 * only {@code insert}, {@code insertLogical}, {@code update} and {@code delete} of the
 * rule context and {@code kcontext.getRule()}/{@code drools.getRule()},
 * {@code if}/{@code else} and blocks; no loops, no local variables (a variable that
 * doubles a string on each line grows exponentially), no lambdas, no arrays, no class
 * literals, no {@code try}, {@code throw} or {@code synchronized};</li>
 * <li>in every expression: names of bindings, of properties and constants of allowed
 * types, and of allowed types; calls of allowed methods ({@link PackTypes}: no
 * {@code getClass}, no {@code wait}, no regular expressions, nothing that repeats or
 * formats); {@code new} of allowed types only;</li>
 * <li>no unicode escapes ({@code \}{@code u0053}) anywhere: Java decodes them before it
 * reads a line, so they could hide code inside what reads as a string.</li>
 * </ul>
 * Every refusal names its file and line. A name the check lets through still has to get
 * past {@link PackClassLoader}, which makes nothing outside the allowlist visible to the
 * compiled pack.
 */
public final class DrlSandbox {

	/** Patterns one rule may join, counted over all its conditions. */
	static final int MAX_PATTERNS = 6;

	private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active",
			"agenda-group", "activation-group");

	private static final Set<String> ALLOWED_OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=", "contains",
			"memberOf");

	private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
			"collectList", "collectSet");

	/**
	 * Calls a consequence may make without a receiver: the rule context's fact
	 * operations.
	 */
	private static final Set<String> CONTEXT_OPERATIONS = Set.of("insert", "insertLogical", "update", "delete",
			"retract");

	private static final Set<String> CONTEXTS = Set.of("kcontext", "drools");

	/**
	 * A Drools time literal: days, hours, minutes, seconds, milliseconds, each at most
	 * once, in order.
	 */
	private static final Pattern TIME_LITERAL = Pattern
		.compile("(?=\\d)(\\d{1,6}d)?(\\d{1,6}h)?(\\d{1,6}m(?!s))?(\\d{1,6}s)?(\\d{1,6}ms)?");

	private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");

	private static final ParserConfiguration JAVA = new ParserConfiguration()
		.setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
		.setPreprocessUnicodeEscapes(true);

	private DrlSandbox() {
	}

	/** The constructs of {@code file} outside the allowlist, each with its line. */
	public static List<PackError> check(PackFile file) {
		return new Check(file).run();
	}

	/** The check of one file. */
	private static final class Check {

		private final PackFile file;

		private final List<PackError> errors = new ArrayList<>();

		private final Map<String, String> explicitImports = new HashMap<>();

		private final List<String> wildcardImports = new ArrayList<>(List.of("java.lang"));

		Check(PackFile file) {
			this.file = file;
		}

		List<PackError> run() {
			unicodeEscapes();
			if (!this.errors.isEmpty()) {
				return this.errors;
			}
			DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
			PackageDescr pkg;
			try {
				pkg = parser.parse(null, this.file.content());
			}
			catch (DroolsParserException ex) {
				refuse(ex.getLineNumber(), "does not parse: " + ex.getMessage());
				return this.errors;
			}
			if (parser.hasErrors() || pkg == null) {
				parser.getErrors()
					.forEach((error) -> refuse((error.getLines().length > 0) ? error.getLines()[0] : 0,
							"does not parse: " + error.getMessage()));
				if (this.errors.isEmpty()) {
					refuse(0, "does not parse");
				}
				return this.errors;
			}
			packageLevel(pkg);
			for (RuleDescr rule : pkg.getRules()) {
				rule(rule);
			}
			return this.errors;
		}

		private void unicodeEscapes() {
			String[] lines = this.file.content().split("\n", -1);
			for (int i = 0; i < lines.length; i++) {
				Matcher escape = UNICODE_ESCAPE.matcher(lines[i]);
				while (escape.find()) {
					// an even number of backslashes is an escaped backslash followed by a
					// 'u'
					if ((escape.end() - escape.start() - 1) % 2 == 1) {
						refuse(i + 1, "unicode escapes (\\u...) are not allowed in rule packs: write the "
								+ "character itself, pack files are UTF-8");
						break;
					}
				}
			}
		}

		private void packageLevel(PackageDescr pkg) {
			for (ImportDescr imported : pkg.getImports()) {
				importDescr(imported);
			}
			pkg.getFunctionImports()
				.forEach((imported) -> refuse(imported, "import of function '" + imported.getTarget()
						+ "' is not allowed in rule packs: packs have no functions"));
			pkg.getAccumulateImports()
				.forEach((imported) -> refuse(imported, "import of accumulate '" + imported.getTarget()
						+ "' is not allowed in rule packs: use count, sum, min, max, average, collectList or collectSet"));
			pkg.getGlobals()
				.forEach((global) -> refuse(global, "global '" + global.getIdentifier()
						+ "' is not allowed in rule packs: rule packs get no globals; use facts and PackSettings"));
			pkg.getFunctions()
				.forEach((function) -> refuse(function,
						"function '" + function.getName()
								+ "' is not allowed in rule packs: a function is Java without a time limit; "
								+ "compute in rule conditions and PackSettings instead"));
			pkg.getTypeDeclarations().forEach(this::declare);
			pkg.getEnumDeclarations()
				.forEach((type) -> refuse(type, "declare enum '" + type.getTypeName()
						+ "' is not allowed in rule packs: use the engine's enums"));
			pkg.getWindowDeclarations()
				.forEach((window) -> refuse(window,
						"declare window '" + window.getName() + "' is not allowed in rule packs"));
			pkg.getEntryPointDeclarations()
				.forEach((entryPoint) -> refuse(entryPoint,
						"declare entry-point '" + entryPoint.getEntryPointId() + "' is not allowed in rule packs"));
			for (AttributeDescr attribute : pkg.getAttributes()) {
				if (!(attribute.getName().equals("dialect") && "java".equals(attribute.getValue()))) {
					refuse(attribute, "package attribute '" + attribute.getName() + "' is not allowed in rule packs"
							+ (attribute.getName().equals("dialect") ? ": rules are written in the java dialect" : ""));
				}
			}
		}

		/**
		 * A declare may only make one of the engine's event types an event:
		 * {@code @role(event)}, {@code @timestamp} of one of its properties and
		 * {@code @expires} of a time literal; no fields, no supertypes, no new types (a
		 * declared type is a class the pack would generate).
		 */
		private void declare(TypeDeclarationDescr type) {
			String resolved = resolveType(type.getTypeName());
			boolean supertypes = type.getSuperTypes()
				.stream()
				.anyMatch((supertype) -> !supertype.getName().equals("Object"));
			if (resolved == null || !PackTypes.event(resolved) || !type.getFields().isEmpty() || supertypes
					|| type.isTrait()) {
				refuse(type, "declare '" + type.getTypeName() + "' is not allowed in rule packs: a pack may only "
						+ "declare the engine's event types (LiveSignal) as events, with @role(event), @timestamp "
						+ "and @expires and no fields of their own");
				return;
			}
			Class<?> eventType = PackTypes.type(resolved);
			for (AnnotationDescr annotation : type.getAnnotations()) {
				String value = String.valueOf(annotation.getSingleValueAsString()).strip();
				switch (annotation.getName()) {
					case "role" -> {
						if (!value.equals("event")) {
							refuse(at(annotation, type),
									"@role(" + value + ") is not allowed in rule packs: only @role(event)");
						}
					}
					case "timestamp" -> {
						if (eventType == null || !hasProperty(eventType, value)) {
							refuse(at(annotation, type),
									"@timestamp(" + value + ") must name a property of " + type.getTypeName());
						}
					}
					case "expires" -> {
						if (!TIME_LITERAL.matcher(value).matches()) {
							refuse(at(annotation, type), "@expires(" + value + ") must be a time such as 10m or 1h30m");
						}
					}
					default ->
						refuse(at(annotation, type), "@" + annotation.getName() + " is not allowed in rule packs: "
								+ "a declare may only say @role(event), @timestamp and @expires");
				}
			}
		}

		/**
		 * The line of an annotation of a declare: the parser gives annotations none, so
		 * the declare's.
		 */
		private static int at(AnnotationDescr annotation, TypeDeclarationDescr type) {
			return (annotation.getLine() > 0) ? annotation.getLine() : type.getLine();
		}

		private static boolean hasProperty(Class<?> type, String property) {
			if (property.isEmpty()) {
				return false;
			}
			String getter = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
			try {
				type.getMethod(getter);
				return true;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}

		private void importDescr(ImportDescr imported) {
			String target = imported.getTarget();
			if (target.endsWith(".*")) {
				String packageName = target.substring(0, target.length() - 2);
				if (PackTypes.types().stream().anyMatch((type) -> type.getPackageName().equals(packageName))) {
					this.wildcardImports.add(packageName);
					return;
				}
			}
			else {
				Class<?> type = PackTypes.type(target);
				if (type != null) {
					this.explicitImports.put(type.getSimpleName(), target);
					return;
				}
			}
			refuse(imported, "import of '" + target + "' is not allowed in rule packs: only the domain types "
					+ "(io.liveguard.engine.facts.*, PackSettings, the session and scoring enums and Evidence), "
					+ "String, boxed numbers, Math, java.time value types and java.util's List, Set, Map, "
					+ "Collection, Optional and Objects");
		}

		private void rule(RuleDescr rule) {
			if (rule instanceof QueryDescr) {
				refuse(rule, "query '" + rule.getName() + "' is not allowed in rule packs: results leave the "
						+ "engine as facts");
				return;
			}
			for (AttributeDescr attribute : rule.getAttributes().values()) {
				attribute(attribute);
			}
			if (!rule.getNamedConsequences().isEmpty()) {
				refuse(rule, "named consequences (then[...]) are not allowed in rule packs: write another rule");
			}
			Set<String> bindings = new HashSet<>();
			int[] patterns = { 0 };
			condition(rule.getLhs(), bindings, patterns);
			if (patterns[0] > MAX_PATTERNS) {
				refuse(rule, "rule '" + rule.getName() + "' has " + patterns[0] + " patterns, more than the "
						+ MAX_PATTERNS + " a rule may join: split it, or let a classifying rule insert a fact");
			}
			if (rule.getConsequence() instanceof String consequence) {
				consequence(consequence, consequenceStart(consequence, rule.getConsequenceLine()), bindings);
			}
			else if (rule.getConsequence() != null) {
				refuse(rule, "the consequence of '" + rule.getName() + "' is not Java");
			}
		}

		/**
		 * The line the consequence's text starts on: the parser gives the line of
		 * {@code then} and the text with its leading blank lines taken off.
		 */
		private int consequenceStart(String consequence, int thenLine) {
			String first = consequence.strip().lines().findFirst().orElse("").strip();
			String[] lines = this.file.content().split("\n", -1);
			for (int i = Math.max(0, thenLine - 1); i < lines.length && !first.isEmpty(); i++) {
				if (lines[i].contains(first)) {
					return i + 1
							- (int) consequence.substring(0, consequence.indexOf(first.charAt(0)))
								.chars()
								.filter((c) -> c == '\n')
								.count();
				}
			}
			return thenLine;
		}

		private void attribute(AttributeDescr attribute) {
			String name = attribute.getName();
			if (name.equals("dialect")) {
				if (!"java".equals(attribute.getValue())) {
					refuse(attribute, "dialect '" + attribute.getValue() + "' is not allowed in rule packs: rules "
							+ "are written in the java dialect");
				}
				return;
			}
			if (!ALLOWED_ATTRIBUTES.contains(name)) {
				refuse(attribute, "rule attribute '" + name + "' is not allowed in rule packs: only "
						+ String.join(", ", ALLOWED_ATTRIBUTES.stream().sorted().toList()));
				return;
			}
			if (name.equals("salience") && !attribute.getValue().strip().matches("-?\\d{1,6}")) {
				refuse(attribute, "salience must be a whole number in rule packs, not an expression");
			}
		}

		private void condition(@Nullable BaseDescr descr, Set<String> bindings, int[] patterns) {
			if (descr == null) {
				return;
			}
			if (descr instanceof AndDescr and) {
				and.getDescrs().forEach((child) -> condition(child, bindings, patterns));
			}
			else if (descr instanceof OrDescr or) {
				or.getDescrs().forEach((child) -> condition(child, bindings, patterns));
			}
			else if (descr instanceof NotDescr not) {
				not.getDescrs().forEach((child) -> condition(child, bindings, patterns));
			}
			else if (descr instanceof ExistsDescr exists) {
				for (Object child : exists.getDescrs()) {
					condition((BaseDescr) child, bindings, patterns);
				}
			}
			else if (descr instanceof ForallDescr forall) {
				forall.getDescrs().forEach((child) -> condition(child, bindings, patterns));
			}
			else if (descr instanceof PatternDescr pattern) {
				pattern(pattern, bindings, patterns);
			}
			else if (descr instanceof org.drools.drl.ast.descr.EvalDescr) {
				refuse(descr, "eval is not allowed in rule packs: write the condition as a constraint of a pattern");
			}
			else {
				refuse(descr, "'" + descr.getText() + "' (" + descr.getClass().getSimpleName().replace("Descr", "")
						+ ") is not allowed in rule packs");
			}
		}

		private void pattern(PatternDescr pattern, Set<String> bindings, int[] patterns) {
			patterns[0]++;
			if (pattern.isQuery()) {
				refuse(pattern, "queries are not allowed in rule packs");
			}
			if (pattern.getObjectType() == null || resolveType(pattern.getObjectType()) == null) {
				refuse(pattern, "'" + pattern.getObjectType() + "' is not a type rule packs may match: use the "
						+ "engine's facts");
			}
			for (BehaviorDescr behavior : pattern.getBehaviors()) {
				behavior(pattern, behavior);
			}
			if (pattern.getSource() != null) {
				source(pattern, bindings, patterns);
			}
			if (pattern.getIdentifier() != null) {
				bindings.add(pattern.getIdentifier());
			}
			for (BaseDescr constraint : pattern.getDescrs()) {
				if (constraint instanceof ExprConstraintDescr expression) {
					constraint(expression, bindings);
				}
				else {
					refuse(constraint, "'" + constraint.getText() + "' is not a constraint rule packs may use");
				}
			}
		}

		/**
		 * Of the windows only {@code over window:time(...)} of a time literal: Drools
		 * lets such events expire by themselves, whereas {@code window:length} keeps them
		 * in memory for good.
		 */
		private void behavior(PatternDescr pattern, BehaviorDescr behavior) {
			boolean timeWindow = "window".equals(behavior.getType()) && "time".equals(behavior.getSubType())
					&& behavior.getParameters() != null && behavior.getParameters().size() == 1
					&& TIME_LITERAL.matcher(behavior.getParameters().get(0).strip()).matches();
			if (!timeWindow) {
				refuse(pattern, "'over " + behavior.getType() + ":" + behavior.getSubType()
						+ "' is not allowed in rule packs: only over window:time(...) of a time such as 5m");
			}
		}

		private void source(PatternDescr pattern, Set<String> bindings, int[] patterns) {
			BaseDescr source = pattern.getSource();
			if (source instanceof FromDescr from) {
				expression(from.getExpression(), pattern.getLine(), bindings, false);
			}
			else if (source instanceof AccumulateDescr accumulate) {
				if (!accumulate.isExternalFunction() || accumulate.getInitCode() != null
						|| accumulate.getActionCode() != null) {
					refuse(pattern, "accumulate with code of its own (init, action, result) is not allowed in rule "
							+ "packs: use count, sum, min, max, average, collectList or collectSet");
				}
				condition(accumulate.getInput(), bindings, patterns);
				for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
					if (!ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
						refuse(pattern, "accumulate function '" + function.getFunction() + "' is not allowed in rule "
								+ "packs: use count, sum, min, max, average, collectList or collectSet");
					}
					for (String parameter : function.getParams()) {
						expression(parameter, pattern.getLine(), bindings, false);
					}
					if (function.getBind() != null) {
						bindings.add(function.getBind());
					}
				}
			}
			else if (source instanceof CollectDescr collect) {
				condition(collect.getInputPattern(), bindings, patterns);
			}
			else if (!(source instanceof EntryPointDescr)) {
				refuse(pattern, "'" + source.getText() + "' is not a source rule packs may use");
			}
		}

		private void constraint(ExprConstraintDescr constraint, Set<String> bindings) {
			DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
			ConstraintConnectiveDescr parsed = parser.parse(constraint.getExpression());
			if (parser.hasErrors() || parsed == null) {
				refuse(constraint, "'" + constraint.getExpression() + "' is not a constraint rule packs may use");
				return;
			}
			constraintPart(parsed, constraint.getLine(), bindings);
		}

		private void constraintPart(BaseDescr part, int line, Set<String> bindings) {
			if (part instanceof ConstraintConnectiveDescr connective) {
				connective.getDescrs().forEach((child) -> constraintPart(child, line, bindings));
			}
			else if (part instanceof RelationalExprDescr relation) {
				if (!ALLOWED_OPERATORS.contains(relation.getOperator())) {
					refuse(line,
							"operator '" + relation.getOperator() + "' is not allowed in rule packs"
									+ (relation.getOperator().equals("matches")
											? ": regular expressions can take exponential time; use a keyword list"
											: ""));
				}
				constraintPart(relation.getLeft(), line, bindings);
				constraintPart(relation.getRight(), line, bindings);
			}
			else if (part instanceof BindingDescr binding) {
				expression(binding.getExpression(), line, bindings, true);
				bindings.add(binding.getVariable());
			}
			else if (part instanceof AtomicExprDescr atomic) {
				expression(atomic.getExpression(), line, bindings, true);
			}
			else {
				refuse(line, "'" + part.getText() + "' is not a constraint rule packs may use");
			}
		}

		/**
		 * Checks an expression of a condition; {@code inPattern} lets bare names be the
		 * fact's properties.
		 */
		private void expression(String text, int line, Set<String> bindings, boolean inPattern) {
			ParseResult<Expression> parsed = new JavaParser(JAVA).parseExpression(text);
			if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
				refuse(line, "'" + text.strip() + "' is not an expression rule packs may use");
				return;
			}
			new Expressions(line, bindings, inPattern).check(parsed.getResult().get());
		}

		private void consequence(String text, int line, Set<String> bindings) {
			ParseResult<BlockStmt> parsed = new JavaParser(JAVA).parseBlock("{" + text + "\n}");
			if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
				String problem = parsed.getProblems().isEmpty() ? "" : ": " + parsed.getProblems().get(0).getMessage();
				refuse(line, "the consequence is not Java rule packs may use" + problem.lines().findFirst().orElse(""));
				return;
			}
			new Expressions(line, bindings, false).statement(parsed.getResult().get());
		}

		private @Nullable String resolveType(String name) {
			if (PackTypes.type(name) != null) {
				return name;
			}
			String explicit = this.explicitImports.get(name);
			if (explicit != null) {
				return explicit;
			}
			for (String packageName : this.wildcardImports) {
				if (PackTypes.type(packageName + "." + name) != null) {
					return packageName + "." + name;
				}
			}
			return null;
		}

		private void refuse(BaseDescr descr, String message) {
			refuse(descr.getLine(), message);
		}

		private void refuse(int line, String message) {
			PackError error = new PackError(this.file.path(), Math.max(0, line), message);
			if (!this.errors.contains(error)) {
				this.errors.add(error);
			}
		}

		/** Walks one parsed Java statement or expression, at a DRL line. */
		private final class Expressions {

			private final int firstLine;

			private final Set<String> bindings;

			private final boolean inPattern;

			Expressions(int firstLine, Set<String> bindings, boolean inPattern) {
				this.firstLine = firstLine;
				this.bindings = bindings;
				this.inPattern = inPattern;
			}

			void statement(Statement statement) {
				if (statement instanceof BlockStmt block) {
					block.getStatements().forEach(this::statement);
				}
				else if (statement instanceof ExpressionStmt expression) {
					Expression inner = expression.getExpression();
					if (inner instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr) {
						refuse(statement, "local variables are not allowed in rule pack consequences: pass the "
								+ "expression to insert or insertLogical");
						return;
					}
					if (!(inner instanceof MethodCallExpr)) {
						refuse(statement, "'" + statement + "' is not allowed in rule pack consequences: only calls "
								+ "of insert, insertLogical, update and delete");
						return;
					}
					check(inner);
				}
				else if (statement instanceof IfStmt ifStatement) {
					check(ifStatement.getCondition());
					statement(ifStatement.getThenStmt());
					ifStatement.getElseStmt().ifPresent(this::statement);
				}
				else if (!(statement instanceof EmptyStmt)) {
					refuse(statement, "'" + firstWord(statement) + "' is not allowed in rule pack consequences"
							+ (isLoop(statement)
									? ": loops cannot be stopped once started; let rules match each " + "fact instead"
									: ": only calls of insert, insertLogical, update and delete"));
				}
			}

			void check(Expression expression) {
				if (expression instanceof StringLiteralExpr || expression instanceof IntegerLiteralExpr
						|| expression instanceof LongLiteralExpr || expression instanceof DoubleLiteralExpr
						|| expression instanceof BooleanLiteralExpr || expression instanceof CharLiteralExpr
						|| expression instanceof NullLiteralExpr || expression instanceof TextBlockLiteralExpr) {
					return;
				}
				if (expression instanceof ThisExpr thisExpr && this.inPattern && thisExpr.getTypeName().isEmpty()) {
					return;
				}
				if (expression instanceof NameExpr name) {
					name(name);
				}
				else if (expression instanceof FieldAccessExpr field) {
					fieldAccess(field);
				}
				else if (expression instanceof MethodCallExpr call) {
					call(call);
				}
				else if (expression instanceof ObjectCreationExpr creation) {
					if (creation.getAnonymousClassBody().isPresent()) {
						refuse(expression, "anonymous classes are not allowed in rule packs");
					}
					type(creation.getType());
					creation.getArguments().forEach(this::check);
				}
				else if (expression instanceof BinaryExpr binary) {
					check(binary.getLeft());
					check(binary.getRight());
				}
				else if (expression instanceof UnaryExpr unary) {
					if (unary.getOperator().isPrefix() || unary.getOperator().isPostfix()) {
						if (unary.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
								&& unary.getOperator() != UnaryExpr.Operator.MINUS
								&& unary.getOperator() != UnaryExpr.Operator.PLUS
								&& unary.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT) {
							refuse(expression, "'" + expression + "' changes a variable, which rule packs do not do");
						}
					}
					check(unary.getExpression());
				}
				else if (expression instanceof EnclosedExpr enclosed) {
					check(enclosed.getInner());
				}
				else if (expression instanceof ConditionalExpr conditional) {
					check(conditional.getCondition());
					check(conditional.getThenExpr());
					check(conditional.getElseExpr());
				}
				else if (expression instanceof CastExpr cast) {
					type(cast.getType());
					check(cast.getExpression());
				}
				else if (expression instanceof InstanceOfExpr instance) {
					if (instance.getPattern().isPresent()) {
						refuse(expression, "instanceof patterns are not allowed in rule packs");
					}
					type(instance.getType());
					check(instance.getExpression());
				}
				else {
					refuse(expression,
							"'" + expression + "' ("
									+ expression.getClass().getSimpleName().replace("Expr", "").toLowerCase()
									+ ") is not allowed in rule packs");
				}
			}

			private void name(NameExpr name) {
				String identifier = name.getNameAsString();
				if (this.bindings.contains(identifier)) {
					return;
				}
				if (this.inPattern && PackTypes.member(identifier)) {
					return;
				}
				if (resolveType(identifier) != null) {
					return;
				}
				if (CONTEXTS.contains(identifier)) {
					refuse(name, "'" + identifier + "' is not allowed in rule packs: of the rule context only "
							+ identifier + ".getRule() may be used");
					return;
				}
				refuse(name, "'" + identifier + "' is not allowed in rule packs: it is no binding, property, "
						+ "constant or type a pack may use");
			}

			private void fieldAccess(FieldAccessExpr field) {
				Optional<String> qualified = qualifiedName(field);
				if (qualified.isPresent() && PackTypes.type(qualified.get()) != null) {
					return;
				}
				if (qualified.isPresent() && !startsWithKnownName(field)) {
					refuse(field, "'" + qualified.get() + "' is not allowed in rule packs: use the imported domain "
							+ "types, String, numbers, Math, java.time and java.util's collections");
					return;
				}
				check(field.getScope());
				if (!PackTypes.member(field.getNameAsString())) {
					refuse(field, "'" + field.getNameAsString() + "' of '" + field.getScope()
							+ "' is not allowed in rule packs: it is no property or constant a pack may use");
				}
			}

			private void call(MethodCallExpr call) {
				String method = call.getNameAsString();
				if (call.getTypeArguments().isPresent()) {
					call.getTypeArguments().get().forEach(this::type);
				}
				if (call.getScope().isEmpty()) {
					if (this.inPattern ? !PackTypes.method(method) : !CONTEXT_OPERATIONS.contains(method)) {
						refuse(call, "'" + method + "(...)' is not allowed in rule packs" + (this.inPattern ? ""
								: ": a consequence calls insert, insertLogical, update or delete"));
					}
				}
				else {
					Expression scope = call.getScope().get();
					if (scope instanceof NameExpr context && CONTEXTS.contains(context.getNameAsString())
							&& !this.bindings.contains(context.getNameAsString())) {
						if (!method.equals("getRule") || !call.getArguments().isEmpty()) {
							refuse(call, "'" + context.getNameAsString() + "." + method + "' is not allowed in rule "
									+ "packs: of the rule context only getRule() may be used");
						}
						return;
					}
					if (isRuleOfContext(scope)) {
						if (!method.equals("getName") && !method.equals("getPackageName")) {
							refuse(call, "'" + method + "' of the rule is not allowed in rule packs: use getName()");
						}
						return;
					}
					check(scope);
					if (!PackTypes.method(method)) {
						refuse(call, "'" + method + "' is not allowed in rule packs: " + reason(method));
					}
				}
				call.getArguments().forEach(this::check);
			}

			private boolean isRuleOfContext(Expression scope) {
				return scope instanceof MethodCallExpr inner && inner.getNameAsString().equals("getRule")
						&& inner.getArguments().isEmpty() && inner.getScope().isPresent()
						&& inner.getScope().get() instanceof NameExpr context
						&& CONTEXTS.contains(context.getNameAsString());
			}

			private void type(Type type) {
				if (type instanceof PrimitiveType) {
					return;
				}
				if (type instanceof ClassOrInterfaceType classType) {
					String name = classType.getNameWithScope();
					if (resolveType(name) == null) {
						refuse(type, "'" + name + "' is not a type rule packs may use: use the imported domain "
								+ "types, String, numbers, Math, java.time and java.util's collections");
					}
					classType.getTypeArguments().ifPresent((arguments) -> arguments.forEach(this::type));
					return;
				}
				refuse(type, "'" + type + "' is not a type rule packs may use");
			}

			/**
			 * {@code java.util.List} as written, when the expression is a dotted name.
			 */
			private Optional<String> qualifiedName(Expression expression) {
				if (expression instanceof NameExpr name) {
					return Optional.of(name.getNameAsString());
				}
				if (expression instanceof FieldAccessExpr field) {
					return qualifiedName(field.getScope()).map((scope) -> scope + "." + field.getNameAsString());
				}
				return Optional.empty();
			}

			/**
			 * Whether a dotted name starts with a binding, property or type, rather than
			 * a package.
			 */
			private boolean startsWithKnownName(Expression expression) {
				Expression first = expression;
				while (first instanceof FieldAccessExpr field) {
					first = field.getScope();
				}
				if (!(first instanceof NameExpr name)) {
					return true;
				}
				String identifier = name.getNameAsString();
				return this.bindings.contains(identifier) || (this.inPattern && PackTypes.member(identifier))
						|| resolveType(identifier) != null;
			}

			private void refuse(Node node, String message) {
				int line = this.firstLine + node.getBegin().map((position) -> position.line - 1).orElse(0);
				Check.this.refuse(line, message);
			}

		}

	}

	private static String reason(String method) {
		return switch (method) {
			case "getClass", "forName", "getClassLoader", "loadClass", "getResource", "getResourceAsStream",
					"getDeclaredMethod", "getMethod", "invoke", "setAccessible", "newInstance" ->
				"it reaches reflection or class loading";
			case "wait", "notify", "notifyAll", "sleep", "start" -> "it blocks or starts threads";
			case "matches", "replaceAll", "replaceFirst", "split" ->
				"regular expressions can take exponential time; use a keyword list";
			case "repeat", "format", "formatted", "join", "nCopies", "replace", "concat" ->
				"its result can grow far beyond its inputs";
			case "add", "addAll", "put", "putAll", "remove", "removeAll", "clear", "set", "sort" ->
				"rule packs use collections read-only";
			case "forEach", "stream", "iterator", "removeIf", "map", "filter" ->
				"rule packs do not loop; let rules match each fact instead";
			default -> "it is no method of the types a pack may use (the engine's facts, String, numbers, Math, "
					+ "java.time, read-only collections)";
		};
	}

	private static String firstWord(Statement statement) {
		String text = statement.toString().strip();
		int end = 0;
		while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
			end++;
		}
		return (end == 0) ? text.lines().findFirst().orElse("") : text.substring(0, end);
	}

	private static boolean isLoop(Statement statement) {
		return statement.isForStmt() || statement.isForEachStmt() || statement.isWhileStmt() || statement.isDoStmt();
	}

}
