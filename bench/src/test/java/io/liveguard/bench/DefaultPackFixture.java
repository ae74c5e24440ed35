package io.liveguard.bench;

import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackSource;

/** The default pack, compiled once per test JVM. */
final class DefaultPackFixture {

	private static CompiledPack pack;

	private DefaultPackFixture() {
	}

	static synchronized CompiledPack pack() {
		if (pack == null) {
			pack = new RulePackCompiler()
				.compile(RulePackSource.fromClasspath("default", 1, DefaultPackFixture.class.getClassLoader()));
		}
		return pack;
	}

}
