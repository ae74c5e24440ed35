package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What DRL written by users may do. Pack DRL runs inside the server, so before a file reaches the
 * Drools builder it is checked against an allowlist, and anything outside it is refused with its line:
 * <ul>
 * <li>imports only of the domain ({@code io.liveguard.engine.facts.*},
 * {@code io.liveguard.engine.rulepack.PackSettings}, {@code io.liveguard.engine.session} enums and
 * records, {@code io.liveguard.engine.scoring} values), {@code java.util} collections and
 * {@code java.time}; {@code java.lang} (String, Math, numbers) needs no import;</li>
 * <li>no other fully qualified names anywhere (so nothing of {@code java.io}, {@code java.nio},
 * {@code java.net}, {@code java.lang.reflect}, {@code javax}, {@code sun}, Drools' own API...);</li>
 * <li>no class that reaches the process, threads, reflection, class loading, files or the network
 * ({@code System}, {@code Runtime}, {@code ProcessBuilder}, {@code Thread}, {@code Class},
 * {@code ClassLoader}, {@code Method}, {@code Field}, {@code File}, {@code Files}, {@code Path},
 * {@code Socket}, {@code URL}, {@code Executors}...), and none of {@code getClass},
 * {@code forName}, {@code setAccessible}, {@code invoke}, {@code exec}, {@code exit};</li>
 * <li>of the rule context only {@code kcontext.getRule()} / {@code drools.getRule()}: no access to the
 * session, the knowledge base or {@code halt};</li>
 * <li>no {@code global}s (the engine provides none), and no loops ({@code while}, {@code for},
 * {@code do}) in consequences or functions: a loop in Java code cannot be stopped from outside, while
 * rules that keep re-firing are stopped by the firing limit and the time budget per session.</li>
 * </ul>
 * Comments and string literals are blanked before the check (line numbers kept), so words in them do
 * not count, and a call split over lines or around a comment is still seen.
 */
public final class DrlSandbox {

	private static final List<String> ALLOWED_IMPORTS = List.of("io.liveguard.engine.facts.",
			"io.liveguard.engine.rulepack.PackSettings", "io.liveguard.engine.session.ModerationCode",
			"io.liveguard.engine.session.ProductCategory", "io.liveguard.engine.session.SignalType",
			"io.liveguard.engine.scoring.Severity", "io.liveguard.engine.scoring.FindingKind",
			"io.liveguard.engine.scoring.Evidence", "java.util.List", "java.util.Map", "java.util.Set",
			"java.util.Collection", "java.util.ArrayList", "java.util.HashMap", "java.util.HashSet",
			"java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.Collections", "java.util.Objects",
			"java.util.Optional", "java.time.", "java.lang.Math", "java.lang.String");

	/** Simple names that reach outside the rules: the process, threads, reflection, I/O, networking. */
	private static final Set<String> FORBIDDEN_NAMES = Set.of("System", "Runtime", "ProcessBuilder", "Process",
			"ProcessHandle", "Thread", "ThreadLocal", "ThreadGroup", "Executors", "ExecutorService", "ForkJoinPool",
			"CompletableFuture", "Timer", "Class", "ClassLoader", "Method", "Field", "Constructor", "Proxy",
			"MethodHandles", "MethodHandle", "VarHandle", "Unsafe", "ScriptEngine", "ScriptEngineManager",
			"File", "Files", "Path", "Paths", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
			"RandomAccessFile", "ObjectInputStream", "ObjectOutputStream", "Socket", "ServerSocket", "URL", "URI",
			"URLClassLoader", "HttpClient", "InetAddress", "DatagramSocket", "SecurityManager", "StackWalker",
			"ModuleLayer", "getClass", "forName", "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField",
			"getDeclaredFields", "getDeclaredConstructor", "getMethod", "getMethods", "getField", "getConstructor",
			"setAccessible", "invoke", "newInstance", "exec", "exit", "halt", "loadLibrary", "load",
			"getKieRuntime", "getKnowledgeRuntime", "getKieBase", "getWorkingMemory", "getRuntime", "getenv",
			"getProperty", "setProperty", "global", "while", "for", "do");

	private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+|function\\s+)?([\\w.*$]+)");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

	private static final Pattern QUALIFIED = Pattern
		.compile("\\b(?:java|javax|jdk|sun|com|org|net|io|jakarta|kotlin|scala|groovy)\\s*\\.\\s*[A-Za-z_]\\w*(?:\\s*\\.\\s*[\\w*]+)*");

	private static final Pattern CONTEXT = Pattern.compile("\\b(kcontext|drools)\\s*\\.\\s*(\\w+)");

	private DrlSandbox() {
	}

	/** The constructs of {@code file} outside the allowlist, each with its line. */
	public static List<PackError> check(PackFile file) {
		List<PackError> errors = new ArrayList<>();
		String[] lines = blankCommentsAndStrings(file.content()).split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			int number = i + 1;
			Matcher imported = IMPORT.matcher(line);
			if (imported.find()) {
				String name = imported.group(1);
				if (!allowed(name)) {
					errors.add(new PackError(file.path(), number, "import of '" + name + "' is not allowed in rule "
							+ "packs: only the domain types (io.liveguard.engine.facts.*, PackSettings, the session and "
							+ "scoring enums), java.util collections and java.time"));
				}
				continue;
			}
			if (line.strip().startsWith("package ")) {
				continue;
			}
			Matcher qualified = QUALIFIED.matcher(line);
			while (qualified.find()) {
				if (allowed(qualified.group().replaceAll("\\s", ""))) {
					continue;
				}
				errors.add(new PackError(file.path(), number, "'" + qualified.group().replaceAll("\\s", "")
						+ "' is not allowed in rule packs: use the imported domain types, java.util and java.time"));
			}
			Matcher context = CONTEXT.matcher(line);
			while (context.find()) {
				if (!context.group(2).equals("getRule")) {
					errors.add(new PackError(file.path(), number, "'" + context.group(1) + "." + context.group(2)
							+ "' is not allowed in rule packs: of the rule context only getRule() may be used"));
				}
			}
			Matcher identifier = IDENTIFIER.matcher(line);
			while (identifier.find()) {
				String name = identifier.group();
				if (FORBIDDEN_NAMES.contains(name)) {
					errors.add(new PackError(file.path(), number, "'" + name + "' is not allowed in rule packs: "
							+ reason(name)));
				}
			}
		}
		return errors;
	}

	/** Whether a qualified name is one of the allowed types or packages, or a member of one. */
	private static boolean allowed(String name) {
		return ALLOWED_IMPORTS.stream()
			.anyMatch((allowed) -> name.equals(allowed)
					|| (allowed.endsWith(".") ? name.startsWith(allowed) : name.startsWith(allowed + ".")));
	}

	private static String reason(String name) {
		return switch (name) {
			case "while", "for", "do" -> "loops cannot be stopped once started; let rules match each fact instead";
			case "global" -> "rule packs get no globals; use facts and PackSettings";
			default -> "it reaches the process, threads, reflection, class loading, files or the network";
		};
	}

	/**
	 * The text with comments and the insides of string and character literals replaced by spaces,
	 * line breaks kept, so positions and line numbers stay the same.
	 */
	static String blankCommentsAndStrings(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
				while (i < text.length() && text.charAt(i) != '\n') {
					out.append(' ');
					i++;
				}
			}
			else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
				out.append("  ");
				i += 2;
				while (i < text.length() && !(text.charAt(i) == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
					out.append(text.charAt(i) == '\n' ? '\n' : ' ');
					i++;
				}
				if (i < text.length()) {
					out.append("  ");
					i += 2;
				}
			}
			else if (c == '"' || c == '\'') {
				out.append(c);
				i++;
				while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
					if (text.charAt(i) == '\\' && i + 1 < text.length()) {
						out.append("  ");
						i += 2;
						continue;
					}
					out.append(' ');
					i++;
				}
				if (i < text.length() && text.charAt(i) == c) {
					out.append(c);
					i++;
				}
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

}
