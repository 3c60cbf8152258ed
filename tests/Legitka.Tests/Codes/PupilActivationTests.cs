using Legitka.Codes;

namespace Legitka.Tests.Codes;

/// <summary>The stage a class list shows for a pupil, from the newest code and the phones.</summary>
public sealed class PupilActivationTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static OfferView Code(OfferState state, int daysLeft = 10, bool collected = false, DateTime? created = null) =>
        new(created ?? Now.AddDays(-1), Now.AddDays(daysLeft), state, 0, state == OfferState.Redeemed ? Now : null, collected, null, null);

    [Fact]
    public void Each_code_and_phone_gives_its_stage()
    {
        Assert.Equal(ActivationStage.NoCode, new PupilActivation(null, null, null).StageAt(Now));
        Assert.Equal(ActivationStage.CodeWaiting, new PupilActivation(null, Code(OfferState.Open), null).StageAt(Now));
        Assert.Equal(ActivationStage.CodeExpired, new PupilActivation(null, Code(OfferState.Open, daysLeft: 0), null).StageAt(Now));
        Assert.Equal(ActivationStage.LockedOut, new PupilActivation(null, Code(OfferState.LockedOut), null).StageAt(Now));
        Assert.Equal(ActivationStage.CodeVoided, new PupilActivation(null, Code(OfferState.Voided), null).StageAt(Now));
        Assert.Equal(ActivationStage.NotCollected, new PupilActivation(null, Code(OfferState.Redeemed), null).StageAt(Now));
        Assert.Equal(ActivationStage.CodeExpired, new PupilActivation(null, Code(OfferState.Redeemed, daysLeft: -1), null).StageAt(Now));
        Assert.Equal(ActivationStage.Ended, new PupilActivation(null, Code(OfferState.Redeemed, collected: true), (Now, "deleted from the phone")).StageAt(Now));
        Assert.Equal(ActivationStage.Active, new PupilActivation(Now.AddDays(-1), Code(OfferState.Redeemed, collected: true), null).StageAt(Now));
    }

    [Fact]
    public void A_code_made_after_the_working_phone_is_a_phone_change_in_progress()
    {
        var since = Now.AddDays(-3);
        Assert.True(new PupilActivation(since, Code(OfferState.Open, created: Now.AddDays(-1)), null).NewCodeWaitingAt(Now));
        Assert.False(new PupilActivation(since, Code(OfferState.Open, daysLeft: 0, created: Now.AddDays(-1)), null).NewCodeWaitingAt(Now));
        Assert.False(new PupilActivation(since, Code(OfferState.Redeemed, collected: true, created: Now.AddDays(-4)), null).NewCodeWaitingAt(Now));
        Assert.False(new PupilActivation(null, Code(OfferState.Open), null).NewCodeWaitingAt(Now));
    }

    [Theory]
    [InlineData(ActivationStage.CodeExpired, true)]
    [InlineData(ActivationStage.LockedOut, true)]
    [InlineData(ActivationStage.CodeVoided, true)]
    [InlineData(ActivationStage.Ended, true)]
    [InlineData(ActivationStage.NotCollected, false)]
    [InlineData(ActivationStage.CodeWaiting, false)]
    [InlineData(ActivationStage.Active, false)]
    [InlineData(ActivationStage.NoCode, false)]
    public void Only_a_dead_end_needs_a_new_code(ActivationStage stage, bool needsNew) => Assert.Equal(needsNew, PupilActivation.NeedsNewCode(stage));
}
