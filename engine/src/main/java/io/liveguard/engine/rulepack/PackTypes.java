package io.liveguard.engine.rulepack;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.liveguard.engine.facts.ContentScore;
import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.facts.Flag;
import io.liveguard.engine.facts.KeywordHit;
import io.liveguard.engine.facts.ListedProduct;
import io.liveguard.engine.facts.PriorSale;
import io.liveguard.engine.facts.SessionSummary;
import io.liveguard.engine.facts.StreamSample;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.facts.live.Candidate;
import io.liveguard.engine.facts.live.GoLiveCheck;
import io.liveguard.engine.facts.live.GoLiveOutcome;
import io.liveguard.engine.facts.live.GoLiveProduct;
import io.liveguard.engine.facts.live.Judging;
import io.liveguard.engine.facts.live.LiveAction;
import io.liveguard.engine.facts.live.LiveProduct;
import io.liveguard.engine.facts.live.LiveSignal;
import io.liveguard.engine.facts.live.LiveState;
import io.liveguard.engine.facts.live.OutcomeKind;
import io.liveguard.engine.facts.live.SellerBan;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.ReportCode;
import org.jspecify.annotations.Nullable;

/**
 * The allowlist of pack DRL: the types a pack may name and the methods, properties and
 * constants it may use on them. {@link DrlSandbox} checks the parsed pack against it, and
 * {@link PackClassLoader} makes nothing else of the JDK or the application visible to the
 * compiled pack, so a name the check missed does not compile either.
 * <p>
 * What is on the list, and why each is harmless: the domain facts (values and read-only
 * getters; the live facts of {@code io.liveguard.engine.facts.live} also have the few
 * mutators deciding rules call on the live's own state, such as {@code LiveState.strike},
 * which touch nothing but that fact), {@code String} without its regular expression,
 * repetition and formatting methods (no backtracking and no output larger than its
 * inputs), boxed numbers, {@code Math} (but not its random numbers), the immutable
 * {@code java.time} value types (but not the wall clock, {@code now}), and read-only use
 * of collections ({@code List.of}, {@code size}, {@code get}, {@code contains}; nothing
 * that adds, removes, copies n times, streams or takes a function). Methods are allowed
 * by name, whatever the receiver: every value a pack can reach is of a type on the list,
 * so a name means the same method.
 */
final class PackTypes {

	/** Fact and value types of the engine a pack works with. */
	private static final List<Class<?>> DOMAIN = List.of(ContentScore.class, Detection.class, Flag.class,
			KeywordHit.class, ListedProduct.class, PriorSale.class, SessionSummary.class, StreamSample.class,
			Evidence.class, FindingKind.class, Severity.class, ModerationCode.class, ProductCategory.class,
			ReportCode.class, LiveSignal.class, Judging.class, LiveState.class, LiveProduct.class, Candidate.class,
			LiveAction.class, ActionLevel.class, GoLiveCheck.class, GoLiveProduct.class, GoLiveOutcome.class,
			SellerBan.class, OutcomeKind.class);

	/**
	 * Of the domain types, those a pack may declare as Drools events
	 * ({@code declare LiveSignal @role(event) @timestamp(at) end}): the signals of a
	 * live, stamped with their {@code at}.
	 */
	private static final Set<Class<?>> EVENTS = Set.of(LiveSignal.class);

	/**
	 * Methods of {@link PackSettings} a rule needs: its numbers, texts and the findings
	 * table's verdicts.
	 */
	private static final Set<String> SETTINGS_METHODS = Set.of("num", "text", "has", "isNumeric", "isQuality",
			"qualityCodes", "contentScore", "millis", "isDuration", "listed", "numFor");

	private static final List<Class<?>> NUMBERS = List.of(Integer.class, Long.class, Double.class, Float.class,
			Short.class, Byte.class);

	private static final List<Class<?>> TIME = List.of(Instant.class, Duration.class, LocalDate.class,
			LocalDateTime.class, LocalTime.class, ZonedDateTime.class, OffsetDateTime.class, ZoneId.class,
			ZoneOffset.class, DayOfWeek.class, Month.class, Year.class, YearMonth.class, Period.class,
			ChronoUnit.class);

	private static final Set<String> STRING_METHODS = Set.of("length", "isEmpty", "isBlank", "charAt", "equals",
			"equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "contains", "startsWith", "endsWith", "indexOf",
			"lastIndexOf", "substring", "toLowerCase", "toUpperCase", "strip", "stripLeading", "stripTrailing", "trim",
			"valueOf", "toString", "hashCode");

	private static final Set<String> NUMBER_METHODS = Set.of("valueOf", "intValue", "longValue", "doubleValue",
			"floatValue", "shortValue", "byteValue", "compareTo", "compare", "equals", "min", "max", "sum", "signum",
			"isNaN", "isInfinite", "isFinite", "parseInt", "parseLong", "parseDouble", "parseFloat", "toString",
			"hashCode", "booleanValue", "parseBoolean", "logicalAnd", "logicalOr", "logicalXor", "charValue", "isDigit",
			"isLetter", "isLetterOrDigit", "isWhitespace", "isUpperCase", "isLowerCase", "toUpperCase", "toLowerCase");

	private static final Set<String> COLLECTION_METHODS = Set.of("size", "isEmpty", "contains", "containsAll", "get",
			"indexOf", "lastIndexOf", "of", "copyOf", "containsKey", "containsValue", "getOrDefault", "equals",
			"hashCode", "isPresent", "orElse", "ofNullable", "empty", "isNull", "nonNull", "requireNonNullElse",
			"toString");

	/**
	 * Methods of java.time that reach the wall clock or hand out streams and functions.
	 */
	private static final Set<String> TIME_EXCLUDED = Set.of("now", "datesUntil", "query", "from", "parse", "format",
			"getAvailableZoneIds", "systemDefault", "ofLocale", "getRules", "toTemporal", "isSupported");

	/**
	 * Of {@code Math}: its random numbers are the one thing that would make scoring
	 * differ run to run.
	 */
	private static final Set<String> MATH_EXCLUDED = Set.of("random");

	/** The types, by fully qualified name. */
	private static final Map<String, Class<?>> TYPES;

	private static final Set<String> METHODS;

	private static final Set<String> MEMBERS;

	static {
		Map<String, Class<?>> types = new LinkedHashMap<>();
		Set<String> methods = new HashSet<>();
		Set<String> members = new HashSet<>();
		for (Class<?> type : DOMAIN) {
			types.put(type.getName(), type);
			for (Method method : type.getDeclaredMethods()) {
				if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
					methods.add(method.getName());
					property(method).ifPresent(members::add);
				}
			}
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					members.add(component.getName());
				}
			}
			constants(type, members);
		}
		types.put(PackSettings.class.getName(), PackSettings.class);
		methods.addAll(SETTINGS_METHODS);
		types.put(String.class.getName(), String.class);
		methods.addAll(STRING_METHODS);
		for (Class<?> type : Stream
			.concat(NUMBERS.stream(), Stream.of(Number.class, Boolean.class, Character.class, Object.class))
			.toList()) {
			types.put(type.getName(), type);
			constants(type, members);
		}
		methods.addAll(NUMBER_METHODS);
		// what a pattern over a number (the result of count or sum) reads as properties
		members.addAll(List.of("intValue", "longValue", "doubleValue", "floatValue"));
		types.put(Math.class.getName(), Math.class);
		constants(Math.class, members);
		for (Method method : Math.class.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && !MATH_EXCLUDED.contains(method.getName())) {
				methods.add(method.getName());
			}
		}
		for (Class<?> type : List.of(Collection.class, List.class, Set.class, Map.class, Optional.class,
				Objects.class)) {
			types.put(type.getName(), type);
		}
		methods.addAll(COLLECTION_METHODS);
		for (Class<?> type : TIME) {
			types.put(type.getName(), type);
			constants(type, members);
			for (Method method : type.getMethods()) {
				if (method.getDeclaringClass() != Object.class && !TIME_EXCLUDED.contains(method.getName())
						&& !takesOrGivesCode(method)) {
					methods.add(method.getName());
				}
			}
		}
		TYPES = Map.copyOf(types);
		METHODS = Set.copyOf(methods);
		MEMBERS = Set.copyOf(members);
	}

	private PackTypes() {
	}

	/** The allowed type of this fully qualified name, if it is one. */
	static @Nullable Class<?> type(String qualifiedName) {
		return TYPES.get(qualifiedName);
	}

	/**
	 * Whether a pack may declare this allowed type (fully qualified name) as an event.
	 */
	static boolean event(String qualifiedName) {
		return EVENTS.stream().anyMatch((type) -> type.getName().equals(qualifiedName));
	}

	/** Every allowed type. */
	static Collection<Class<?>> types() {
		return TYPES.values();
	}

	/** Whether a method of this name is allowed (on whatever allowed receiver). */
	static boolean method(String name) {
		return METHODS.contains(name);
	}

	/**
	 * Whether this name is a property of a domain type (read through its getter, as DRL
	 * constraints do: {@code confidence} for {@code getConfidence()}) or a constant of an
	 * allowed type ({@code ModerationCode.COUNTERFEIT}, {@code Integer.MAX_VALUE}).
	 */
	static boolean member(String name) {
		return MEMBERS.contains(name);
	}

	private static Optional<String> property(Method method) {
		String name = method.getName();
		if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
			return Optional.empty();
		}
		if (name.startsWith("get") && name.length() > 3) {
			return Optional.of(decapitalize(name.substring(3)));
		}
		if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
			return Optional.of(decapitalize(name.substring(2)));
		}
		return Optional.empty();
	}

	private static String decapitalize(String name) {
		return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
	}

	private static void constants(Class<?> type, Set<String> members) {
		for (Field field : type.getFields()) {
			// values only: Integer.TYPE and the like are Class objects, a way into
			// reflection
			if (Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())
					&& field.getType() != Class.class) {
				members.add(field.getName());
			}
		}
	}

	/**
	 * Whether a method takes or returns something that runs code (functions, queries,
	 * streams).
	 */
	private static boolean takesOrGivesCode(Method method) {
		if (Stream.class.isAssignableFrom(method.getReturnType())) {
			return true;
		}
		for (Class<?> parameter : method.getParameterTypes()) {
			if (parameter.isAnnotationPresent(FunctionalInterface.class)
					|| parameter.getName().startsWith("java.time.temporal.TemporalQuery")
					|| parameter.getName().startsWith("java.time.format")) {
				return true;
			}
		}
		return false;
	}

}
