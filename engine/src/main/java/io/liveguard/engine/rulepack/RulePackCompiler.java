package io.liveguard.engine.rulepack;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.text.KeywordMatcher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.conf.IndexLeftBetaMemoryOption;
import org.kie.internal.conf.IndexRightBetaMemoryOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and compiles a rule pack. The data files are checked first (settings,
 * findings table, keyword lists), then every setting, keyword list and finding code the
 * DRL names, then Drools compiles the DRL with the interpreted build, which pins errors
 * to file and line: the DRL under {@value #GO_LIVE_RULES} and {@value #LIVE_RULES} into
 * KieBases of their own (the go-live check and, in stream mode, a live's signals), every
 * other DRL file into the KieBase that scores sessions. Each compile gets its own release
 * id and is removed from the KIE repository afterwards, so repeated compiles of drafts do
 * not accumulate. Thread safe.
 */
public final class RulePackCompiler {

	public static final String PACK_PROPERTIES = "pack.properties";

	public static final String SETTINGS = "settings.properties";

	public static final String FINDINGS = "findings.csv";

	private static final Logger logger = LoggerFactory.getLogger(RulePackCompiler.class);

	/**
	 * Reads the pack's own test cases ({@code tests/*.json}), so a pack with unreadable
	 * ones does not compile.
	 */
	private final PackTests tests = new PackTests(new SessionCodec());

	private static final String RESOURCES = "src/main/resources/";

	private static final Pattern SETTING_REF = Pattern.compile("\\bnum\\(\\s*\"([^\"]+)\"\\s*\\)");

	private static final Pattern DURATION_REF = Pattern.compile("\\bmillis\\(\\s*\"([^\"]+)\"\\s*\\)");

	/** DRL under this folder is the go-live check (live.md), a KieBase of its own. */
	public static final String GO_LIVE_RULES = "golive/";

	/**
	 * DRL under this folder judges a live's signals, a KieBase of its own in stream mode.
	 */
	public static final String LIVE_RULES = "live/";

	private static final List<String> LIVE_NUMBERS = List.of("live.strikes.MINOR", "live.strikes.MODERATE",
			"live.strikes.SEVERE");

	private static final List<String> LIVE_DURATIONS = List.of("live.snapshot", "live.maxLateness", "live.idleTimeout");

	private static final Pattern LIST_REF = Pattern.compile("\\blist\\s*==\\s*\"([^\"]+)\"");

	private static final Pattern CODE_REF = Pattern.compile("\\bnew\\s+Detection\\(\\s*\"([^\"]+)\"");

	private static final CsvMapper CSV = new CsvMapper();

	private static final List<String> FINDING_COLUMNS = List.of("code", "kind", "severity", "points", "scoreDelta",
			"maxTotalDelta", "description");

	/**
	 * Settings under this prefix protect the server (time budget, firing limit): the
	 * engine's, not a pack's.
	 */
	static final String ENGINE_SETTINGS = "engine.";

	private final Duration timeBudget;

	/**
	 * A compiler whose packs stop a session's rules after
	 * {@link CompiledPack#DEFAULT_TIME_BUDGET}.
	 */
	public RulePackCompiler() {
		this(CompiledPack.DEFAULT_TIME_BUDGET);
	}

	/** A compiler whose packs stop a session's rules after {@code timeBudget}. */
	public RulePackCompiler(Duration timeBudget) {
		this.timeBudget = timeBudget;
	}

	/**
	 * Compiles the pack or throws {@link PackCompilationException} with every error
	 * found.
	 */
	public CompiledPack compile(RulePackSource source) {
		long started = System.nanoTime();
		List<PackError> errors = new ArrayList<>();
		Properties pack = properties(source, PACK_PROPERTIES, errors);
		Properties settings = properties(source, SETTINGS, errors);
		FindingTable findings = findings(source, errors);
		Map<String, List<String>> keywords = keywordLists(source);
		this.tests.cases(source, errors);
		List<PackFile> drl = source.files().stream().filter((file) -> file.path().endsWith(".drl")).toList();
		for (PackFile file : drl) {
			errors.addAll(DrlSandbox.check(file));
		}
		if (drl.isEmpty()) {
			errors.add(new PackError("rules/", 0, "a pack needs at least one .drl file"));
		}
		if (!errors.isEmpty()) {
			throw new PackCompilationException(source.id(), errors);
		}
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, Double> numbers = new LinkedHashMap<>();
		for (String key : settings.stringPropertyNames()) {
			if (key.startsWith(ENGINE_SETTINGS)) {
				errors.add(new PackError(SETTINGS, lineOf(source, SETTINGS, key), "'" + key + "' is not a pack's to "
						+ "set: the limits that protect the server (time budget, firing limit) are the engine's "
						+ "configuration"));
				continue;
			}
			String value = settings.getProperty(key).strip();
			values.put(key, value);
			try {
				numbers.put(key, Double.parseDouble(value));
			}
			catch (NumberFormatException notANumber) {
				// a text setting such as a time zone
			}
		}
		String marketsValue = pack.getProperty("markets", "").strip();
		Set<String> markets = Arrays.stream(marketsValue.split(","))
			.map(String::strip)
			.filter((market) -> !market.isEmpty())
			.collect(Collectors.toSet());
		if (markets.isEmpty()) {
			errors.add(new PackError(PACK_PROPERTIES, 0, "'markets' must list market codes or *"));
		}
		PackSettings packSettings = new PackSettings(markets, values, numbers, findings, keywords);
		for (PackFile file : drl) {
			checkReferences(file, packSettings, errors);
		}
		if (!errors.isEmpty()) {
			throw new PackCompilationException(source.id(), errors);
		}
		List<PackFile> goLive = drl.stream().filter((file) -> file.path().startsWith(GO_LIVE_RULES)).toList();
		List<PackFile> live = drl.stream().filter((file) -> file.path().startsWith(LIVE_RULES)).toList();
		List<PackFile> scoring = drl.stream().filter((file) -> !goLive.contains(file) && !live.contains(file)).toList();
		if (!live.isEmpty()) {
			liveSettings(source, packSettings, errors);
		}
		if (scoring.isEmpty()) {
			errors.add(new PackError("rules/", 0, "a pack needs at least one .drl file that scores sessions"));
		}
		if (!errors.isEmpty()) {
			throw new PackCompilationException(source.id(), errors);
		}
		KieContainer container = buildScoring(source, scoring, packSettings);
		KieBase goLiveBase = goLive.isEmpty() ? null : build(source, goLive).getKieBase();
		KieBase liveBase = live.isEmpty() ? null : streamMode(build(source, live));
		CompiledPack compiled = new CompiledPack(source, packSettings, new KeywordMatcher(keywords), container,
				goLiveBase, liveBase, this.timeBudget);
		logger.info(
				"Compiled rule pack {} v{} ({} DRL files, {} scoring rules, go-live rules: {}, live rules: {}) "
						+ "in {} ms",
				source.id(), source.version(), drl.size(), compiled.ruleNames().size(), goLiveBase != null,
				liveBase != null, (System.nanoTime() - started) / 1_000_000);
		return compiled;
	}

	/**
	 * The KieBase of a live's in-stream rules, in stream mode (Drools Fusion: signals are
	 * events stamped with their {@code at}); the live engine opens its sessions on a
	 * pseudo clock it advances, never the wall clock. Set here rather than in a
	 * kmodule.xml, which would need Drools' XML support.
	 */
	private static KieBase streamMode(KieContainer container) {
		KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration();
		configuration.setOption(EventProcessingOption.STREAM);
		// a live's session holds a handful of facts: hash-indexed beta memories (a table
		// per
		// join on equality, per session) cost far more memory than they save in lookups
		configuration.setOption(IndexLeftBetaMemoryOption.NO);
		configuration.setOption(IndexRightBetaMemoryOption.NO);
		return container.newKieBase(configuration);
	}

	/**
	 * Builds the scoring DRL with its settings resolved at compile time
	 * ({@link SettingsFolding}); should that text not compile, the DRL as written, whose
	 * errors are then the ones reported, pinned to its lines.
	 */
	private KieContainer buildScoring(RulePackSource source, List<PackFile> scoring, PackSettings settings) {
		List<PackFile> folded = SettingsFolding.fold(scoring, settings);
		if (folded.equals(scoring)) {
			return build(source, scoring);
		}
		try {
			return build(source, folded);
		}
		catch (PackCompilationException foldedFailed) {
			KieContainer asWritten = build(source, scoring);
			logger.warn("Rule pack {} v{}: its settings could not be resolved at compile time ({}); it scores as "
					+ "written", source.id(), source.version(), foldedFailed.getMessage());
			return asWritten;
		}
	}

	/** Builds the DRL files into a container whose default KieBase holds them all. */
	private KieContainer build(RulePackSource source, List<PackFile> drl) {
		KieServices services = KieServices.Factory.get();
		ReleaseId releaseId = services.newReleaseId("io.liveguard.packs", source.id(),
				source.version() + "-" + UUID.randomUUID());
		KieFileSystem files = services.newKieFileSystem();
		files.generateAndWritePomXML(releaseId);
		for (PackFile file : drl) {
			files.write(RESOURCES + file.path(), file.content());
		}
		PackClassLoader classLoader = new PackClassLoader(RulePackCompiler.class.getClassLoader());
		KieBuilder builder = services.newKieBuilder(files, classLoader).buildAll(DrlProject.class);
		List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
		if (!messages.isEmpty()) {
			services.getRepository().removeKieModule(releaseId);
			List<PackError> errors = messages.stream()
				.map((message) -> new PackError(packPath(message.getPath()), Math.max(0, message.getLine()),
						message.getText().strip()))
				.distinct()
				.toList();
			throw new PackCompilationException(source.id(), errors);
		}
		try {
			return services.newKieContainer(releaseId, classLoader);
		}
		finally {
			services.getRepository().removeKieModule(releaseId);
		}
	}

	/**
	 * The settings the live engine reads beside the DRL, checked when a pack has
	 * in-stream rules: the strikes of each severity (the ladder reads them by a key it
	 * builds) and the durations Java applies.
	 */
	private static void liveSettings(RulePackSource source, PackSettings settings, List<PackError> errors) {
		for (String key : LIVE_NUMBERS) {
			if (!settings.isNumeric(key)) {
				errors.add(new PackError(SETTINGS, lineOf(source, SETTINGS, key),
						"missing numeric setting '" + key + "': a pack with live rules needs it"));
			}
		}
		for (String key : LIVE_DURATIONS) {
			if (!settings.isDuration(key)) {
				errors.add(new PackError(SETTINGS, lineOf(source, SETTINGS, key),
						"missing duration setting '" + key + "' (such as PT2M): a pack with live rules needs it"));
			}
		}
	}

	/** The 1-based line of a file that sets {@code key}, or 0. */
	private static int lineOf(RulePackSource source, String path, String key) {
		List<String> lines = source.file(path).map((file) -> file.content().lines().toList()).orElse(List.of());
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith(key) && line.substring(key.length()).strip().matches("[=:].*")) {
				return i + 1;
			}
		}
		return 0;
	}

	private static String packPath(String path) {
		if (path == null) {
			return "";
		}
		return path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
	}

	private static void checkReferences(PackFile file, PackSettings settings, List<PackError> errors) {
		String[] lines = file.content().split("\\R", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			Matcher setting = SETTING_REF.matcher(line);
			while (setting.find()) {
				if (!settings.isNumeric(setting.group(1))) {
					errors.add(new PackError(file.path(), i + 1,
							"unknown numeric setting '" + setting.group(1) + "': add it to " + SETTINGS));
				}
			}
			Matcher duration = DURATION_REF.matcher(line);
			while (duration.find()) {
				if (!settings.isDuration(duration.group(1))) {
					errors.add(new PackError(file.path(), i + 1, "unknown duration setting '" + duration.group(1)
							+ "': add it to " + SETTINGS + " as an ISO-8601 duration such as PT5M"));
				}
			}
			Matcher list = LIST_REF.matcher(line);
			while (list.find()) {
				if (!settings.keywordLists().containsKey(list.group(1))) {
					errors.add(new PackError(file.path(), i + 1,
							"unknown keyword list '" + list.group(1) + "': add keywords/" + list.group(1) + ".txt"));
				}
			}
			Matcher code = CODE_REF.matcher(line);
			while (code.find()) {
				if (!settings.findings().contains(code.group(1))) {
					errors.add(new PackError(file.path(), i + 1,
							"unknown finding code '" + code.group(1) + "': add it to " + FINDINGS));
				}
			}
		}
	}

	private static Properties properties(RulePackSource source, String path, List<PackError> errors) {
		Properties properties = new Properties();
		source.file(path).ifPresentOrElse((file) -> {
			try {
				properties.load(new StringReader(file.content()));
			}
			catch (IOException | IllegalArgumentException ex) {
				errors.add(new PackError(path, 0, "unreadable: " + ex.getMessage()));
			}
		}, () -> errors.add(new PackError(path, 0, "missing: every pack has " + path)));
		return properties;
	}

	private static FindingTable findings(RulePackSource source, List<PackError> errors) {
		List<FindingRule> rules = new ArrayList<>();
		source.file(FINDINGS).ifPresentOrElse((file) -> {
			try (MappingIterator<List<String>> rows = CSV.readerFor(List.class)
				.with(CsvReadFeature.WRAP_AS_ARRAY)
				.with(CsvReadFeature.TRIM_SPACES)
				.with(CsvReadFeature.SKIP_EMPTY_LINES)
				.readValues(file.content())) {
				if (!rows.hasNextValue() || !FINDING_COLUMNS.equals(rows.nextValue())) {
					errors.add(new PackError(FINDINGS, 1, "the header must be " + String.join(",", FINDING_COLUMNS)));
					return;
				}
				Set<String> seen = new HashSet<>();
				while (rows.hasNextValue()) {
					// the row's first line: once the row is read, the parser stands on
					// the line after it
					int line = rows.currentLocation().getLineNr();
					List<String> cells = rows.nextValue();
					try {
						rules.add(findingRule(cells, seen));
					}
					catch (IllegalArgumentException ex) {
						errors.add(new PackError(FINDINGS, line, ex.getMessage()));
					}
				}
			}
			catch (JacksonException ex) {
				errors.add(new PackError(FINDINGS, (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0,
						"unreadable CSV: " + ex.getOriginalMessage()));
			}
		}, () -> errors.add(new PackError(FINDINGS, 0, "missing: every pack has " + FINDINGS)));
		return new FindingTable(rules);
	}

	private static FindingRule findingRule(List<String> cells, Set<String> seen) {
		if (cells.size() != FINDING_COLUMNS.size()) {
			throw new IllegalArgumentException("expected " + FINDING_COLUMNS.size() + " columns ("
					+ String.join(",", FINDING_COLUMNS) + "), found " + cells.size());
		}
		String maxTotal = cells.get(5);
		FindingRule rule = new FindingRule(cells.get(0), enumValue(FindingKind.class, cells.get(1)),
				enumValue(Severity.class, cells.get(2)), integer("points", cells.get(3)),
				integer("scoreDelta", cells.get(4)), maxTotal.isEmpty() ? null : integer("maxTotalDelta", maxTotal),
				cells.get(6));
		if (!rule.code().matches("[A-Z][A-Z0-9_]*")) {
			throw new IllegalArgumentException("code '" + rule.code() + "' must be UPPER_SNAKE_CASE");
		}
		if (!seen.add(rule.code())) {
			throw new IllegalArgumentException("code " + rule.code() + " is listed twice");
		}
		return rule;
	}

	private static Map<String, List<String>> keywordLists(RulePackSource source) {
		Map<String, List<String>> lists = new LinkedHashMap<>();
		for (PackFile file : source.files()) {
			if (file.path().startsWith("keywords/") && file.path().endsWith(".txt")) {
				String name = file.path().substring("keywords/".length(), file.path().length() - ".txt".length());
				lists.put(name,
						file.content()
							.lines()
							.map(String::strip)
							.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
							.toList());
			}
		}
		return lists;
	}

	private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + value + "', expected one of "
					+ Arrays.toString(type.getEnumConstants()));
		}
	}

	private static int integer(String column, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + " '" + value + "' is not an integer");
		}
	}

}
