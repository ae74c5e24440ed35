package io.liveguard.web.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a webhook may be sent: an https URL (http only with
 * {@code liveguard.webhooks.allow-http}) whose host resolves to public addresses only
 * (unless {@code liveguard.webhooks.allow-private-destinations}). An admin's URL must not
 * make LiveGuard post into its own network (loopback, a private network, the cloud's
 * metadata service at 169.254.169.254): the check runs when an endpoint is registered or
 * changed, and again before every attempt, since what a name resolves to can change.
 */
class WebhookDestinations {

	/** Resolves a host name to its addresses (the JDK's resolver; tests may stub it). */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final boolean allowHttp;

	private final boolean allowPrivate;

	private final Resolver resolver;

	WebhookDestinations(boolean allowHttp, boolean allowPrivate) {
		this(allowHttp, allowPrivate, InetAddress::getAllByName);
	}

	WebhookDestinations(boolean allowHttp, boolean allowPrivate, Resolver resolver) {
		this.allowHttp = allowHttp;
		this.allowPrivate = allowPrivate;
		this.resolver = resolver;
	}

	/**
	 * Why LiveGuard will not send to this URL now, or empty when it may: the scheme, then
	 * every address its host resolves to.
	 */
	Optional<String> refusal(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (scheme.equals("http") && !this.allowHttp) {
			return Optional.of("must be https (http is allowed only with liveguard.webhooks.allow-http=true)");
		}
		if (this.allowPrivate) {
			return Optional.empty();
		}
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			return Optional.of("must name a host");
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			return Optional.of("host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			String kind = nonPublic(address);
			if (kind != null) {
				return Optional.of("host " + host + " resolves to " + address.getHostAddress() + ", " + kind
						+ " (only public addresses are allowed; liveguard.webhooks.allow-private-destinations is false)");
			}
		}
		return Optional.empty();
	}

	/**
	 * What kind of non-public address this is, or null for a public one: unspecified,
	 * loopback, link-local (cloud metadata included), private (RFC 1918, unique local
	 * fc00::/7, shared 100.64.0.0/10, site-local fec0::/10), multicast, or an IPv4 one of
	 * those inside an IPv6 address (IPv4-compatible, 6to4, NAT64).
	 */
	static @Nullable String nonPublic(InetAddress address) {
		if (address.isAnyLocalAddress()) {
			return "an unspecified address";
		}
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (address.isSiteLocalAddress()) {
			return "a private address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 0) {
				return "an unspecified address";
			}
			if (first == 100 && (second & 0xc0) == 64) {
				return "a private address (shared, 100.64.0.0/10)";
			}
			if (first >= 240) {
				return "a reserved or broadcast address";
			}
			return null;
		}
		if (address instanceof Inet6Address) {
			if ((bytes[0] & 0xfe) == 0xfc) {
				return "a private address (unique local, fc00::/7)";
			}
			// IPv4 inside IPv6: IPv4-compatible ::a.b.c.d, 6to4 2002:a.b.c.d::/48, NAT64
			// 64:ff9b::a.b.c.d
			byte[] embedded = null;
			if (isZero(bytes, 0, 12)) {
				embedded = Arrays.copyOfRange(bytes, 12, 16);
			}
			else if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
				embedded = Arrays.copyOfRange(bytes, 2, 6);
			}
			else if ((bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
					&& (bytes[3] & 0xff) == 0x9b && isZero(bytes, 4, 12)) {
				embedded = Arrays.copyOfRange(bytes, 12, 16);
			}
			if (embedded != null) {
				try {
					String kind = nonPublic(InetAddress.getByAddress(embedded));
					return (kind != null) ? kind + " inside an IPv6 address" : null;
				}
				catch (UnknownHostException ex) {
					return "an address that cannot be read";
				}
			}
		}
		return null;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
