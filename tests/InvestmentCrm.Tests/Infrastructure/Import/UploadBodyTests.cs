using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>The body of an upload page on its own, where no Kestrel limit helps (the in-memory test server has none):
/// a reader gets no more than the limit, and the drain of a refused body stops at its allowance.</summary>
public sealed class UploadBodyTests
{
    private const long Limit = 1000;

    [Fact]
    public async Task A_reader_gets_the_limit_and_no_more_and_the_drain_reads_a_body_within_the_allowance_to_its_end()
    {
        var body = new UploadBody(new ZeroFile(Limit + UploadBody.DrainAllowanceBytes), Limit);

        await Assert.ThrowsAsync<InvalidDataException>(() => body.CopyToAsync(Stream.Null));

        Assert.Equal((Limit + 1, true), (body.BytesRead, body.ReachedLimit));
        Assert.True(await body.DrainAsync(CancellationToken.None));
        Assert.Equal(Limit + UploadBody.DrainAllowanceBytes, body.BytesRead);
    }

    [Fact]
    public async Task The_drain_of_a_body_past_the_allowance_stops_one_byte_past_it()
    {
        var file = new ZeroFile(Limit + UploadBody.DrainAllowanceBytes + (64 * 1024 * 1024));
        var body = new UploadBody(file, Limit);

        Assert.False(await body.DrainAsync(CancellationToken.None));

        Assert.Equal(Limit + UploadBody.DrainAllowanceBytes + 1, file.Taken);
    }

    [Fact]
    public async Task The_drain_stops_when_the_client_goes_away()
    {
        var body = new UploadBody(new ZeroFile(Limit * 2), Limit);

        Assert.False(await body.DrainAsync(new CancellationToken(canceled: true)));
    }
}
