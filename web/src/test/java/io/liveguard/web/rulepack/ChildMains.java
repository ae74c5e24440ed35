package io.liveguard.web.rulepack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Main classes for {@link ChildJvmTests}: children that misbehave in one way each, and
 * one that tells all.
 */
final class ChildMains {

	private ChildMains() {
	}

	/** Says it started, then never ends. */
	static final class Sleeper {

		public static void main(String[] args) throws InterruptedException {
			System.out.println("started");
			System.out.flush();
			Thread.sleep(Long.MAX_VALUE);
		}

	}

	/** Writes without end. */
	static final class Chatter {

		public static void main(String[] args) {
			while (true) {
				System.out.println("all work and no play makes Jack a dull boy");
			}
		}

	}

	/** Allocates without end. */
	static final class Hog {

		public static void main(String[] args) {
			List<long[]> kept = new ArrayList<>();
			while (true) {
				kept.add(new long[1 << 20]);
			}
		}

	}

	/**
	 * Echoes its input, then writes its environment and system properties, one
	 * {@code key=value} a line.
	 */
	static final class Snoop {

		public static void main(String[] args) throws Exception {
			System.out.println("input=" + new String(System.in.readAllBytes(), "UTF-8"));
			for (Map.Entry<String, String> variable : new TreeMap<>(System.getenv()).entrySet()) {
				System.out.println("env." + variable.getKey() + "=" + variable.getValue());
			}
			for (String name : new TreeMap<>(System.getProperties()).keySet().stream().map(String::valueOf).toList()) {
				System.out.println("property." + name + "=" + System.getProperty(name));
			}
			System.out.println("cwd=" + new java.io.File("").getAbsolutePath());
		}

	}

}
