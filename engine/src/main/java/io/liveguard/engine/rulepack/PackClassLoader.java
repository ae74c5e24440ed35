package io.liveguard.engine.rulepack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.mvel2.compiler.AbstractParser;

/**
 * The only class loader a pack is compiled and run with: it makes visible the types of
 * {@link PackTypes}, the JDK types those are made of (their supertypes, and the few every
 * class file needs), and the Drools runtime that the generated rule classes call; nothing
 * else of the JDK, the application or its libraries. A class or resource outside that is
 * not found: a consequence naming {@code java.lang.System} or a logging library's file
 * appender does not compile, MVEL constraints cannot resolve them, and the classpath's
 * resources ({@code application.properties}) cannot be read, even if {@link DrlSandbox}
 * had let the name through.
 */
final class PackClassLoader extends ClassLoader {

	/** What every class file and the Java compiler need, whatever the pack says. */
	private static final List<Class<?>> LANGUAGE = List.of(Object.class, Class.class, Enum.class, Record.class,
			Throwable.class, Exception.class, RuntimeException.class, Error.class, Iterable.class, Void.class,
			Deprecated.class, Override.class, SuppressWarnings.class, FunctionalInterface.class,
			java.lang.annotation.Annotation.class, java.lang.annotation.Retention.class,
			java.lang.annotation.Target.class, java.lang.annotation.ElementType.class,
			java.lang.annotation.RetentionPolicy.class, java.lang.annotation.Documented.class,
			java.lang.annotation.Inherited.class);

	/**
	 * The Drools packages generated rule code is compiled against and calls at run time:
	 * the rule context ({@code drools}, {@code kcontext}), consequence invokers, field
	 * readers, accumulate functions and evaluators. Drools' own utilities (files, class
	 * loading, services) are not among them.
	 */
	private static final List<String> RUNTIME_PACKAGES = List.of("org.drools.base.", "org.drools.core.",
			"org.drools.mvel.", "org.drools.tms.", "org.drools.kiesession.", "org.kie.api.definition.",
			"org.kie.api.runtime.rule.", "org.mvel2.", "org.drools.util.bitmask.");

	private static final List<String> RUNTIME_CLASSES = List.of("org.kie.api.runtime.KieContext",
			"org.drools.ecj.EclipseJavaCompiler");

	/**
	 * Drools packages that do I/O or class loading of their own, kept out although their
	 * parents are in.
	 */
	private static final List<String> RUNTIME_EXCLUDED = List.of("org.drools.core.util.", "org.drools.core.io.",
			"org.drools.core.impl.", "org.drools.core.management.", "org.drools.core.marshalling.",
			"org.drools.core.time.impl.", "org.mvel2.sh.", "org.mvel2.util.ParseTools");

	/**
	 * Classes MVEL (which evaluates DRL constraints) knows by name without asking any
	 * class loader. They are taken out of its tables, once for the whole JVM: nothing in
	 * LiveGuard writes MVEL of its own, and pack DRL may not name them.
	 */
	private static final List<String> MVEL_BUILT_IN_CLASSES = List.of("System", "Runtime", "Thread", "ClassLoader",
			"Class", "Array", "StringBuilder");

	private static final Set<String> VISIBLE = visible();

	static {
		AbstractParser.setupParser();
		for (String name : MVEL_BUILT_IN_CLASSES) {
			AbstractParser.LITERALS.remove(name);
			AbstractParser.CLASS_LITERALS.remove(name);
		}
	}

	private final ClassLoader application;

	PackClassLoader(ClassLoader application) {
		super("liveguard-pack", null);
		this.application = application;
	}

	/** Whether a pack may see this class (binary name). */
	static boolean isVisible(String className) {
		String name = outermost(className);
		if (VISIBLE.contains(name)) {
			return true;
		}
		if (RUNTIME_CLASSES.contains(name)) {
			return true;
		}
		return RUNTIME_PACKAGES.stream().anyMatch(name::startsWith)
				&& RUNTIME_EXCLUDED.stream().noneMatch(name::startsWith);
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (!isVisible(name)) {
			throw new ClassNotFoundException(name + " is not available to rule packs");
		}
		return this.application.loadClass(name);
	}

	@Override
	public @Nullable URL getResource(String name) {
		return isVisibleResource(name) ? this.application.getResource(name) : null;
	}

	@Override
	public Enumeration<URL> getResources(String name) throws IOException {
		return isVisibleResource(name) ? this.application.getResources(name) : Collections.emptyEnumeration();
	}

	@Override
	public @Nullable InputStream getResourceAsStream(String name) {
		return isVisibleResource(name) ? this.application.getResourceAsStream(name) : null;
	}

	/**
	 * Only class files of visible classes, and Drools' own configuration, are resources a
	 * pack sees.
	 */
	private static boolean isVisibleResource(String name) {
		if (name.startsWith("META-INF/kie.") && name.endsWith(".conf")) {
			return true;
		}
		if (!name.endsWith(".class")) {
			return false;
		}
		return isVisible(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
	}

	private static String outermost(String className) {
		int nested = className.indexOf('$');
		return (nested < 0) ? className : className.substring(0, nested);
	}

	private static Set<String> visible() {
		Set<String> names = new HashSet<>();
		for (Class<?> type : PackTypes.types()) {
			addWithSupertypes(type, names);
		}
		for (Class<?> type : LANGUAGE) {
			addWithSupertypes(type, names);
		}
		return Set.copyOf(names);
	}

	private static void addWithSupertypes(@Nullable Class<?> type, Set<String> names) {
		if (type == null || !names.add(type.getName())) {
			return;
		}
		addWithSupertypes(type.getSuperclass(), names);
		for (Class<?> implemented : type.getInterfaces()) {
			addWithSupertypes(implemented, names);
		}
	}

}
