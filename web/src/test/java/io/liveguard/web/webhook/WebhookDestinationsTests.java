package io.liveguard.web.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses a webhook may go to, without a network: addresses are literals, and
 * host names go to a stub resolver.
 */
class WebhookDestinationsTests {

	private final WebhookDestinations production = new WebhookDestinations(false, false, this::resolve);

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.9.9.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
			"192.168.1.1", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255",
			"224.0.0.1", "239.255.255.250", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1",
			"fec0::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "::ffff:169.254.169.254",
			"2002:7f00:1::", "2002:a9fe:a9fe::1", "64:ff9b::a00:1", "64:ff9b::7f00:1" })
	void refusesAddressesThatAreNotPublic(String address) throws UnknownHostException {
		assertThat(WebhookDestinations.nonPublic(InetAddress.getByName(address))).as(address).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
			"100.128.0.1", "169.253.255.255", "192.169.0.1", "11.0.0.1", "2606:4700:4700::1111", "2001:4860::8888",
			"2002:5db8:d70e::1", "64:ff9b::5db8:d70e" })
	void acceptsPublicAddresses(String address) throws UnknownHostException {
		assertThat(WebhookDestinations.nonPublic(InetAddress.getByName(address))).as(address).isNull();
	}

	@Test
	void aHostNameIsCheckedByEveryAddressItResolvesTo() {
		assertThat(this.production.refusal(URI.create("https://public.example/hook"))).isEmpty();
		assertThat(this.production.refusal(URI.create("https://rebound.example/hook")))
			.hasValueSatisfying((reason) -> assertThat(reason)
				.isEqualTo("host rebound.example resolves to 10.0.0.5, a private address (only public addresses "
						+ "are allowed; liveguard.webhooks.allow-private-destinations is false)"));
		assertThat(this.production.refusal(URI.create("https://nowhere.example/hook")))
			.hasValue("host nowhere.example does not resolve");
		assertThat(this.production.refusal(URI.create("https://[::1]:8443/hook")))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("a loopback address"));
	}

	@Test
	void httpOnlyWhenAllowedAndPrivateAddressesOnlyWhenAllowed() {
		assertThat(this.production.refusal(URI.create("http://public.example/hook")))
			.hasValue("must be https (http is allowed only with liveguard.webhooks.allow-http=true)");
		WebhookDestinations open = new WebhookDestinations(true, true, this::resolve);
		assertThat(open.refusal(URI.create("http://127.0.0.1:8080/hook"))).isEmpty();
		assertThat(open.refusal(URI.create("https://rebound.example/hook"))).isEmpty();
		assertThat(new WebhookDestinations(true, false, this::resolve).refusal(URI.create("http://public.example/x")))
			.isEmpty();
	}

	private InetAddress[] resolve(String host) throws UnknownHostException {
		return switch (host) {
			case "public.example" -> new InetAddress[] { InetAddress.getByName("93.184.215.14"),
					InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c") };
			// one public and one private address: refused, whichever a connection would
			// use
			case "rebound.example" ->
				new InetAddress[] { InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.5") };
			case "nowhere.example" -> throw new UnknownHostException(host);
			default -> InetAddress.getAllByName(host);
		};
	}

}
