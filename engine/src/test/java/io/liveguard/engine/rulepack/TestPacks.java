package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own test pack ({@code src/test/resources/packs/minimal}) and edited copies
 * of it, so engine tests never depend on the {@code rules} module.
 */
public final class TestPacks {

	/** The settings a pack with live rules needs beside the minimal pack's. */
	private static final String LIVE_SETTINGS = """
			live.strikes.MINOR = 1
			live.strikes.MODERATE = 1
			live.strikes.SEVERE = 2
			live.snapshot = PT60S
			live.maxLateness = PT2M
			live.idleTimeout = PT30M
			""";

	private TestPacks() {
	}

	/** The minimal pack with the settings live rules need. */
	public static RulePackSource minimalWithLiveSettings() {
		RulePackSource minimal = minimal();
		String settings = minimal.file(RulePackCompiler.SETTINGS).orElseThrow().content() + "\n" + LIVE_SETTINGS;
		return with(minimal, RulePackCompiler.SETTINGS, settings);
	}

	/**
	 * The minimal pack: markets {@code *}, rules HOST_ABSENT, OFF_PLATFORM_REDIRECT,
	 * UNVERIFIED_HOST.
	 */
	static RulePackSource minimal() {
		return RulePackSource.fromClasspath("minimal", 1, TestPacks.class.getClassLoader());
	}

	/** The minimal pack's files under another id, version and market list. */
	static RulePackSource minimal(String id, int version, String markets) {
		RulePackSource minimal = minimal();
		return with(new RulePackSource(id, version, minimal.files()), RulePackCompiler.PACK_PROPERTIES,
				"id = " + id + "\nmarkets = " + markets + "\n");
	}

	/** A copy of {@code source} with {@code path} added, or replaced when present. */
	static RulePackSource with(RulePackSource source, String path, String content) {
		List<PackFile> files = new ArrayList<>(without(source, path).files());
		files.add(new PackFile(path, content));
		return new RulePackSource(source.id(), source.version(), files);
	}

	/** A copy of {@code source} without {@code path}. */
	static RulePackSource without(RulePackSource source, String path) {
		return new RulePackSource(source.id(), source.version(),
				source.files().stream().filter((file) -> !file.path().equals(path)).toList());
	}

	/** The 1-based line of {@code text} that contains {@code marker}. */
	static int lineOf(String text, String marker) {
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].contains(marker)) {
				return i + 1;
			}
		}
		throw new IllegalArgumentException("No line contains " + marker);
	}

}
