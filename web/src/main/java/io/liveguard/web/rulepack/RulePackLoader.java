package io.liveguard.web.rulepack;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the engine's registry in line with the database: seeds the classpath packs as
 * version 1 of an empty database, and compiles and activates each pack's active version
 * where the registry holds another (at start-up, and when another node published).
 */
class RulePackLoader {

	static final String SEEDED_BY = "liveguard";

	private static final Logger log = LoggerFactory.getLogger(RulePackLoader.class);

	private final RulePackStore store;

	private final ScoringEngine engine;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RulePackLoader(RulePackStore store, ScoringEngine engine, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.engine = engine;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * On a database without packs, stores each classpath pack as its published version 1.
	 */
	void seedFromClasspath(List<String> packIds) {
		if (!this.store.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		try {
			this.transactions.executeWithoutResult((status) -> {
				for (String packId : packIds) {
					RulePackSource source = RulePackSource.fromClasspath(packId, 1, getClass().getClassLoader());
					this.store.addPack(packId);
					this.store.addVersion(new PackVersion(packId, 1, PackVersion.Status.DRAFT, null,
							"The pack as shipped with LiveGuard", SEEDED_BY, now, now, null, null, source.files()));
					this.store.activate(packId, 1, SEEDED_BY, now);
					log.info("Stored rule pack {} from the classpath as version 1", packId);
				}
			});
		}
		catch (DuplicateKeyException ex) {
			log.info("Rule packs were stored meanwhile by another instance");
		}
	}

	/**
	 * Compiles and activates every pack whose active version in the database is not the
	 * one in use.
	 */
	void activateStored() {
		for (Map.Entry<String, Integer> pack : this.store.activeVersions().entrySet()) {
			Integer version = pack.getValue();
			if (version == null) {
				continue;
			}
			int inUse = this.engine.registry().active(pack.getKey()).map((active) -> active.ref().version()).orElse(0);
			if (!Objects.equals(inUse, version)) {
				PackVersion stored = this.store.find(pack.getKey(), version).orElseThrow();
				CompiledPack compiled = this.engine.compiler().compile(stored.source());
				this.engine.registry().activate(compiled).ifPresent(CompiledPack::close);
				log.info("Rule pack {} v{} is active", pack.getKey(), version);
			}
		}
	}

}
