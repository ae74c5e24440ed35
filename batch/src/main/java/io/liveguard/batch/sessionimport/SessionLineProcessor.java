package io.liveguard.batch.sessionimport;

import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses and validates a line with the engine's {@link SessionCodec}, as the API does. A line that is
 * no valid session becomes a {@link ImportLine.Rejected} with the codec's reasons: bad lines are data
 * for the quarantine, not failures, so they never roll a chunk back.
 */
class SessionLineProcessor implements ItemProcessor<NdjsonLine, ImportLine> {

	private final SessionCodec codec;

	SessionLineProcessor(SessionCodec codec) {
		this.codec = codec;
	}

	@Override
	public ImportLine process(NdjsonLine line) {
		try {
			LiveSession session = this.codec.read(line.text());
			String record = this.codec.write(session);
			return new ImportLine.Parsed(line.number(), session, record, this.codec.contentHash(session));
		}
		catch (InvalidSessionException ex) {
			return new ImportLine.Rejected(line.number(), sessionIdOf(line.text()), ex.getMessage());
		}
		catch (RuntimeException ex) {
			return new ImportLine.Rejected(line.number(), sessionIdOf(line.text()),
					"could not be read: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private @Nullable String sessionIdOf(String text) {
		try {
			JsonNode id = this.codec.mapper().readTree(text).get("sessionId");
			return (id != null && id.isString()) ? id.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
