package io.liveguard.web.rulepack;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.DomainException;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackCompilationException;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.PackTests;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a rule pack version: an analyst writes a draft (compiled on every save in a
 * child JVM by {@link DraftChecks}, refused with its errors pinned to file and line when
 * it does not compile) and proposes it, which freezes it; someone other than its author
 * publishes exactly the content reviewed (its content hash), once its own test cases
 * pass, or rejects it back to draft; an admin can roll back to any version published
 * before. Publishing and rollback swap the compiled pack in the engine's registry after
 * the database commit, in one reference swap: a request or batch step that took its pack
 * earlier finishes with it, the next one gets the new version. Other nodes pick the
 * change up from the database within {@code liveguard.pack-refresh}. Every change is an
 * audit event.
 */
@Service
class RulePackLifecycle {

	static final String DRAFT_CREATED = "RULE_PACK_DRAFT_CREATED";

	static final String DRAFT_UPDATED = "RULE_PACK_DRAFT_UPDATED";

	static final String PROPOSED = "RULE_PACK_PROPOSED";

	static final String REJECTED = "RULE_PACK_REJECTED";

	static final String PUBLISHED = "RULE_PACK_PUBLISHED";

	static final String ROLLED_BACK = "RULE_PACK_ROLLED_BACK";

	private static final Logger log = LoggerFactory.getLogger(RulePackLifecycle.class);

	/** Ids of packs: lower-case letters, digits and dashes. */
	private static final Pattern PACK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	/**
	 * A file's path inside a pack: relative, 1 to 300 characters, not blank, no
	 * {@code ..}, no backslash.
	 */
	static final String PACK_PATH = "(?s)(?!/)(?!.*\\.\\.)(?=.*\\S)[^\\\\]{1,300}";

	private static final Pattern PACK_PATH_PATTERN = Pattern.compile(PACK_PATH);

	/** The most characters a version's note holds. */
	static final int MAX_NOTE = 2000;

	private final RulePackStore store;

	private final ScoringEngine engine;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final RulePackLoader loader;

	private final DraftChecks drafts;

	private final WebhookOutbox outbox;

	RulePackLifecycle(RulePackStore store, ScoringEngine engine, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock, DraftChecks drafts, WebhookOutbox outbox) {
		this.store = store;
		this.outbox = outbox;
		this.drafts = drafts;
		this.engine = engine;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.loader = new RulePackLoader(store, engine, transactions, clock);
	}

	/** Every pack with its markets (from its active version) and active version. */
	List<PackSummary> packs() {
		return this.store.activeVersions()
			.entrySet()
			.stream()
			.map((pack) -> new PackSummary(pack.getKey(),
					this.engine.registry()
						.active(pack.getKey())
						.map((active) -> List.copyOf(active.settings().markets()).stream().sorted().toList())
						.orElse(List.of()),
					pack.getValue()))
			.toList();
	}

	PackVersion version(String packId, int version) {
		return this.store.find(packId, version).orElseThrow(() -> new PackVersionNotFound(packId, version));
	}

	List<PackVersion> versions(String packId) {
		pack(packId);
		return this.store.versions(packId);
	}

	/**
	 * Stores a new draft holding exactly {@code files}, if they compile; otherwise throws
	 * {@link DraftRejectedException} with every error and stores nothing. A draft for a
	 * pack id not seen before starts a new pack (for the markets its
	 * {@code pack.properties} names), active once its first version is published.
	 */
	PackVersion createDraft(String packId, @Nullable Integer basedOn, @Nullable String note, List<PackFile> files,
			String author) {
		boolean newPack = !this.store.activeVersions().containsKey(packId);
		if (newPack) {
			if (!PACK_ID.matcher(packId).matches()) {
				throw new InvalidDraft(
						"packId: '" + packId + "' is not a pack id (1 to 64 lower-case letters, digits and -)");
			}
			if (basedOn != null) {
				throw new InvalidDraft("basedOn: the first draft of a new pack '" + packId
						+ "' is based on no version of it (copy the files of another pack instead)");
			}
		}
		else if (basedOn != null) {
			version(packId, basedOn);
		}
		List<PackFile> checked = checkFiles(files);
		String text = (note == null) ? "" : note.strip();
		if (text.length() > MAX_NOTE) {
			throw new InvalidDraft("note: at most " + MAX_NOTE + " characters");
		}
		// checked before the transaction, which would otherwise hold the pack's row lock
		// while a child runs
		this.drafts.compile(packId, 0, checked);
		return this.transactions.execute((status) -> {
			if (newPack) {
				this.store.addPack(packId);
			}
			int version = this.store.nextVersion(packId);
			Instant now = this.clock.instant();
			PackVersion draft = new PackVersion(packId, version, PackVersion.Status.DRAFT, basedOn, text, author, now,
					now, null, null, checked);
			this.store.addVersion(draft);
			audit(author, DRAFT_CREATED, packId, version, Map.of("basedOn", (basedOn == null) ? "" : basedOn));
			return draft;
		});
	}

	/**
	 * Replaces a draft's files with ones that compile; a published or retired version
	 * never changes.
	 */
	PackVersion updateDraft(String packId, int version, List<PackFile> files, String author) {
		PackVersion existing = version(packId, version);
		if (existing.status() == PackVersion.Status.PROPOSED) {
			throw new DraftFrozen(packId, version);
		}
		if (existing.status() != PackVersion.Status.DRAFT) {
			throw new PackVersionConflict("version: " + packId + " v" + version + " is " + existing.status()
					+ " and never changes; create a draft based on it");
		}
		List<PackFile> checked = checkFiles(files);
		this.drafts.compile(packId, version, checked);
		this.transactions.executeWithoutResult((status) -> {
			if (!this.store.replaceDraftFiles(packId, version, checked, this.clock.instant())) {
				throw new PackVersionConflict("version: " + packId + " v" + version + " was published meanwhile");
			}
			audit(author, DRAFT_UPDATED, packId, version, Map.of());
		});
		return version(packId, version);
	}

	/**
	 * Freezes a draft for review: no edit until an admin publishes it or sends it back.
	 */
	PackVersion propose(String packId, int version, String analyst) {
		move(packId, version, PackVersion.Status.DRAFT, PackVersion.Status.PROPOSED, analyst, PROPOSED,
				"only a draft is proposed");
		return version(packId, version);
	}

	/** Rejects a proposed version back to draft, so its author can edit it again. */
	PackVersion reject(String packId, int version, String admin) {
		move(packId, version, PackVersion.Status.PROPOSED, PackVersion.Status.DRAFT, admin, REJECTED,
				"only a proposed version is rejected");
		return version(packId, version);
	}

	/**
	 * Publishes a proposed version: maker-checker, so never by its author, and only the
	 * content the admin reviewed, named by its {@link PackVersion#contentHash()}. It
	 * becomes the active version in every scoring path once the database has committed.
	 */
	PackVersion publish(String packId, int version, String admin, @Nullable String contentHash) {
		PackVersion proposed = version(packId, version);
		if (contentHash == null || contentHash.isBlank()) {
			throw new InvalidDraft(
					"contentHash: name the content you reviewed (" + "the version's contentHash, sha256:...)");
		}
		if (proposed.status() == PackVersion.Status.DRAFT) {
			throw new PackVersionConflict("version: " + packId + " v" + version
					+ " is a draft; its author proposes it first, which freezes it for review");
		}
		if (proposed.status() != PackVersion.Status.PROPOSED) {
			throw new PackVersionConflict("version: " + packId + " v" + version + " is " + proposed.status()
					+ "; only a proposed version is published (an earlier version comes back with rollback)");
		}
		if (proposed.author().equals(admin)) {
			throw new SelfApproval(packId, version, admin);
		}
		if (!proposed.contentHash().equals(contentHash.strip())) {
			throw new StaleReview(proposed);
		}
		// its own test cases, sessions and scripted lives, must pass; run in a child as
		// every test run is, and before the transaction, which would hold the row locks
		List<PackTests.PackTestResult> results = this.drafts.test(packId, version, proposed.files(), List.of(),
				this.clock.instant());
		List<PackTests.PackTestResult> failed = results.stream().filter((result) -> !result.passed()).toList();
		if (!failed.isEmpty()) {
			throw new PackTestsFailed(packId, version, results.size(), failed);
		}
		return activate(proposed, admin, PUBLISHED);
	}

	/** Makes a version published before the active one again. */
	PackVersion rollback(String packId, int version, String admin) {
		PackVersion earlier = version(packId, version);
		if (earlier.status() != PackVersion.Status.RETIRED) {
			throw new PackVersionConflict("version: " + packId + " v" + version + " is " + earlier.status()
					+ "; rollback returns to a version that was published and replaced");
		}
		return activate(earlier, admin, ROLLED_BACK);
	}

	/** Picks up versions other nodes published. */
	@Scheduled(fixedDelayString = "${liveguard.pack-refresh:PT30S}",
			initialDelayString = "${liveguard.pack-refresh:PT30S}")
	void refresh() {
		try {
			this.loader.activateStored();
		}
		catch (RuntimeException ex) {
			log.error("Could not bring the rule packs in line with the database", ex);
		}
	}

	private PackVersion activate(PackVersion version, String admin, String auditType) {
		CompiledPack compiled = compile(version.packId(), version.version(), version.files());
		// one pack per market (and one for every other market): a market served twice
		// would be scored by either
		for (CompiledPack other : this.engine.registry().all()) {
			if (other.ref().id().equals(version.packId())) {
				continue;
			}
			for (String market : compiled.settings().markets()) {
				if (other.settings().markets().contains(market)) {
					compiled.close();
					throw new PackVersionConflict("markets: market '" + market + "' of " + version.packId() + " v"
							+ version.version() + " is served by pack " + other.ref().id()
							+ "; give each market one pack (pack.properties, markets)");
				}
			}
		}
		Integer replaced = this.store.activeVersions().get(version.packId());
		this.transactions.executeWithoutResult((status) -> {
			if (auditType.equals(PUBLISHED)) {
				// sent back, edited and proposed again since it was read: publish only
				// what was compiled
				PackVersion now = version(version.packId(), version.version());
				if (now.status() != PackVersion.Status.PROPOSED || !now.contentHash().equals(version.contentHash())) {
					compiled.close();
					throw new StaleReview(now);
				}
			}
			this.store.activate(version.packId(), version.version(), admin, this.clock.instant());
			audit(admin, auditType, version.packId(), version.version(),
					Map.of("replaced", (replaced == null) ? "" : replaced, "contentHash", version.contentHash()));
			Map<String, Object> published = new LinkedHashMap<>();
			published.put("packId", version.packId());
			published.put("version", version.version());
			published.put("markets", compiled.settings().markets().stream().sorted().toList());
			published.put("by", admin);
			this.outbox.record(EventTypes.RULEPACK_PUBLISHED, published);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					// the replaced version lets its pooled sessions go once the calls
					// scoring with it are done
					RulePackLifecycle.this.engine.registry().activate(compiled).ifPresent(CompiledPack::close);
					log.info("Rule pack {} v{} is active ({} by {})", version.packId(), version.version(), auditType,
							admin);
				}

			});
		});
		return version(version.packId(), version.version());
	}

	/**
	 * Compiles a version to publish in the server: safe by construction once the sandbox
	 * lets it through.
	 */
	private CompiledPack compile(String packId, int version, List<PackFile> files) {
		try {
			return this.engine.compiler()
				.compile(new PackVersion(packId, version, PackVersion.Status.DRAFT, null, "", "", Instant.EPOCH,
						Instant.EPOCH, null, null, files)
					.source());
		}
		catch (PackCompilationException ex) {
			throw new DraftRejectedException(packId, ex.errors());
		}
	}

	private void move(String packId, int version, PackVersion.Status from, PackVersion.Status to, String by,
			String auditType, String only) {
		PackVersion existing = version(packId, version);
		if (existing.status() != from) {
			throw new PackVersionConflict(
					"version: " + packId + " v" + version + " is " + existing.status() + "; " + only);
		}
		this.transactions.executeWithoutResult((status) -> {
			if (!this.store.changeStatus(packId, version, from, to, this.clock.instant())) {
				throw new PackVersionConflict("version: " + packId + " v" + version + " changed meanwhile");
			}
			audit(by, auditType, packId, version, Map.of("contentHash", existing.contentHash()));
		});
	}

	private static List<PackFile> checkFiles(List<PackFile> files) {
		if (files.isEmpty()) {
			throw new InvalidDraft("files: a pack version needs its files");
		}
		Set<String> paths = new HashSet<>();
		for (PackFile file : files) {
			if (file.path() == null || !PACK_PATH_PATTERN.matcher(file.path()).matches()) {
				throw new InvalidDraft("files: '" + file.path()
						+ "' is not a relative path inside the pack (at most 300 characters, no '..')");
			}
			if (file.content() == null) {
				throw new InvalidDraft("files: " + file.path() + " has no content");
			}
			if (!paths.add(file.path())) {
				throw new InvalidDraft("files: " + file.path() + " is given twice");
			}
		}
		return List.copyOf(files);
	}

	private void pack(String packId) {
		if (!this.store.activeVersions().containsKey(packId)) {
			throw new PackNotFound(packId);
		}
	}

	private void audit(String principal, String type, String packId, int version, Map<String, Object> more) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("packId", packId);
		data.put("version", version);
		data.putAll(more);
		this.events.publishEvent(new AuditApplicationEvent(principal, type, data));
	}

	/** A pack with the markets its active version serves. */
	record PackSummary(String packId, List<String> markets, @Nullable Integer activeVersion) {
	}

	/**
	 * A draft that does not compile: unprocessable, with every error pinned to file and
	 * line.
	 */
	static final class DraftRejectedException extends DomainException {

		private final List<PackError> errors;

		DraftRejectedException(String packId, List<PackError> errors) {
			super(Kind.UNPROCESSABLE, "Rule pack does not compile", "rule pack '" + packId + "' does not compile: "
					+ errors.get(0) + ((errors.size() > 1) ? " (and " + (errors.size() - 1) + " more)" : ""));
			this.errors = List.copyOf(errors);
		}

		/** Every error, pinned to file and line. */
		List<PackError> errors() {
			return this.errors;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("errors", this.errors);
		}

	}

}
