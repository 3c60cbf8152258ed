namespace Legitka.Applications;

/// <summary>How a school decides who gets an mLegitymacja.</summary>
public enum IssuancePolicy
{
    /// <summary>Only pupils with an approved application (the seeds' procedure).</summary>
    OnApplication,
    /// <summary>Every pupil unless a guardian objects (since the 2023 law).</summary>
    OptOut,
}
