using Legitka.Cli;

namespace Legitka.Tests.Cli;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5190", "http://127.0.0.1:5190")]
    [InlineData("http://10.0.0.5:8080/", "http://10.0.0.5:8080")]
    [InlineData("https://legitka.szkola.edu.pl", "https://legitka.szkola.edu.pl")]
    [InlineData("http://[::1]:5080;http://127.0.0.1:5080", "http://[::1]:5080")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    public void A_listen_address_with_a_host_is_the_public_url(string urls, string expected) =>
        Assert.Equal(expected, ListenAddress.AsPublicUrl(urls));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("not a url")]
    public void A_wildcard_names_no_address_a_phone_can_reach(string urls) => Assert.Null(ListenAddress.AsPublicUrl(urls));
}
