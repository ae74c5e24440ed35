package io.liveguard.web.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The client address that failures are counted against: the remote address as the servlet
 * container sees it (behind a proxy, set {@code server.forward-headers-strategy} so that
 * it is the client's). An IPv6 address counts as its /64 network, since one host is
 * usually handed a whole /64 and could otherwise take a fresh address for every guess.
 */
public final class ClientAddress {

	static final String UNKNOWN = "unknown";

	private ClientAddress() {
	}

	public static String of(@Nullable String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isBlank()) {
			return UNKNOWN;
		}
		if (remoteAddress.indexOf(':') < 0) {
			return remoteAddress;
		}
		try {
			// a literal with ':' is parsed, never looked up
			InetAddress address = InetAddress.getByName(remoteAddress);
			if (!(address instanceof Inet6Address)) {
				return address.getHostAddress();
			}
			byte[] network = Arrays.copyOf(address.getAddress(), 16);
			Arrays.fill(network, 8, 16, (byte) 0);
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return remoteAddress.substring(0, Math.min(remoteAddress.length(), 64));
		}
	}

}
