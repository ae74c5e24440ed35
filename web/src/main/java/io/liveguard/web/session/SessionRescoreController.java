package io.liveguard.web.session;

import java.time.Clock;
import java.time.Instant;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.Ids;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.web.rulepack.PackVersions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A disputed session scored again, side by side: with the pack version that was live when
 * it was streamed, and with the version active now (or a version named). Nothing is
 * stored.
 */
@RestController
@Tag(name = "Sessions")
class SessionRescoreController {

	private final Sessions sessions;

	private final SessionCodec codec;

	private final ScoringEngine engine;

	private final PackVersions versions;

	private final Clock clock;

	SessionRescoreController(Sessions sessions, SessionCodec codec, ScoringEngine engine, PackVersions versions,
			Clock clock) {
		this.sessions = sessions;
		this.codec = codec;
		this.engine = engine;
		this.versions = versions;
		this.clock = clock;
	}

	@GetMapping("/api/v1/sessions/{sessionId}/rescore")
	@Operation(summary = "Score a stored session again with the version live at its time and the current one "
			+ "(or ?version=), side by side (ANALYST, ADMIN); nothing is stored")
	Rescored rescore(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sessionId,
			@RequestParam(required = false) @Nullable Integer version) {
		StoredSession stored = this.sessions.find(sessionId).orElseThrow(() -> new SessionNotFound(sessionId));
		LiveSession session = this.codec.read(stored.record());
		String packId = this.engine.packFor(session).ref().id();
		int thenVersion = this.versions.activeAt(packId, session.startedAt());
		// the version asked for first, so one that does not exist is refused before any
		// scoring
		ScoreCard current = (version != null)
				? this.versions.withCompiled(packId, version, (pack) -> score(pack, session))
				: score(this.engine.packFor(session), session);
		ScoreCard atItsTime = this.versions.withCompiled(packId, thenVersion, (pack) -> score(pack, session));
		return new Rescored(sessionId, this.codec.mapper().readTree(stored.scoreCard()), atItsTime, current);
	}

	private ScoreCard score(CompiledPack pack, LiveSession session) {
		Instant scoredAt = this.clock.instant();
		return pack.score(session,
				this.sessions.history(session.sellerId(), ScoringEngine.historyWindow(pack, session)), scoredAt);
	}

	/**
	 * @param stored the score card on record
	 * @param atItsTime the session scored by the version that was active when it started
	 * @param current scored by the active version, or the one asked for
	 */
	record Rescored(String sessionId, JsonNode stored, ScoreCard atItsTime, ScoreCard current) {
	}

}
