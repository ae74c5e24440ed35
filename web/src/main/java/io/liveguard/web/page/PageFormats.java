package io.liveguard.web.page;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, times and numbers in the request's language, for templates
 * ({@code ${@fmt.date(...)}}). The date patterns are messages ({@code format.date},
 * {@code format.dateTime}), so each bundle chooses its own order; instants are shown in
 * the zone the page names.
 */
@Component("fmt")
public class PageFormats {

	private static final String NONE = "\u2013";

	private final MessageSource messages;

	PageFormats(MessageSource messages) {
		this.messages = messages;
	}

	public String date(@Nullable LocalDate date) {
		return (date == null) ? NONE : formatter("format.date").format(date);
	}

	public String dateTime(@Nullable Instant instant, ZoneId zone) {
		return (instant == null) ? NONE : formatter("format.dateTime").format(instant.atZone(zone));
	}

	/** An instant in UTC, marked so. */
	public String dateTime(@Nullable Instant instant) {
		return (instant == null) ? NONE : dateTime(instant, ZoneOffset.UTC) + " UTC";
	}

	public String number(@Nullable Number number) {
		if (number == null) {
			return NONE;
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale());
		format.setMaximumFractionDigits(1);
		return format.format(number);
	}

	/** A share 0..1 as a whole percentage. */
	public String percent(double share) {
		return NumberFormat.getPercentInstance(locale()).format(share);
	}

	/** A duration in seconds, with tenths under a minute. */
	public String duration(@Nullable Duration duration) {
		if (duration == null) {
			return NONE;
		}
		double seconds = duration.toMillis() / 1000.0;
		return number((seconds < 60) ? seconds : Math.round(seconds)) + " s";
	}

	private DateTimeFormatter formatter(String key) {
		Locale locale = locale();
		return DateTimeFormatter.ofPattern(this.messages.getMessage(key, null, locale), locale);
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
