package io.liveguard.batch.sessionimport;

import io.liveguard.batch.session.SessionMeters;
import io.liveguard.engine.session.Ids;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses and validates a line with the engine's {@link SessionCodec}, as the API does. A
 * line that is no valid session, or too long to be read, becomes a
 * {@link ImportLine.Rejected} with the reasons: bad lines are data for the quarantine,
 * not failures, so they never roll a chunk back.
 */
class SessionLineProcessor implements ItemProcessor<NdjsonLines.Line, ImportLine> {

	private final SessionCodec codec;

	SessionLineProcessor(SessionCodec codec) {
		this.codec = codec;
	}

	@Override
	public ImportLine process(NdjsonLines.Line item) {
		if (!(item instanceof NdjsonLines.Text line)) {
			return new ImportLine.Rejected(item.number(), null, ((NdjsonLines.TooLong) item).reason(),
					SessionMeters.Rejection.TOO_LONG);
		}
		try {
			LiveSession session = this.codec.read(line.text());
			String record = this.codec.write(session);
			return new ImportLine.Parsed(line.number(), session, record, this.codec.contentHash(session));
		}
		catch (InvalidSessionException ex) {
			return new ImportLine.Rejected(line.number(), sessionIdOf(line.text()), ex.getMessage(),
					SessionMeters.Rejection.INVALID);
		}
		catch (RuntimeException ex) {
			return new ImportLine.Rejected(line.number(), sessionIdOf(line.text()),
					"could not be read: " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					SessionMeters.Rejection.ERROR);
		}
	}

	private @Nullable String sessionIdOf(String text) {
		try {
			JsonNode id = this.codec.mapper().readTree(text).get("sessionId");
			// only an id that can be stored and shown: the quarantine keeps it, the API
			// prints it
			return (id != null && id.isString() && Ids.isValid(id.asString())) ? id.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
