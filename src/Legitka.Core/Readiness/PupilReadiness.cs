using Legitka.Applications;
using Legitka.Photos;
using Legitka.Registry;

namespace Legitka.Readiness;

/// <summary>Where one pupil stands on the way to codes, and what is still missing.</summary>
public sealed record PupilReadiness(
    Guid PupilId,
    string FamilyName,
    string GivenNames,
    bool Due,
    ApplicationState? Application,
    PhotoState? LatestPhoto,
    bool HasAcceptedPhoto,
    CardStatus? Card,
    DateOnly? CardValidUntil)
{
    public bool Ready => Due && HasAcceptedPhoto && Card == CardStatus.Valid;

    /// <summary>What stands in the way, as (English, Polish) pairs; empty when ready or not due.</summary>
    public IReadOnlyList<(string En, string Pl)> Missing(IssuancePolicy policy)
    {
        var missing = new List<(string, string)>();
        if (!Due)
        {
            missing.Add(policy == IssuancePolicy.OnApplication
                ? Application switch
                {
                    ApplicationState.Pending => ("application awaits the director", "wniosek czeka na decyzję dyrektora"),
                    ApplicationState.Declined => ("application declined", "wniosek odrzucony"),
                    _ => ("no application", "brak wniosku"),
                }
                : ("guardian objected", "opiekun wniósł sprzeciw"));
            return missing;
        }

        if (!HasAcceptedPhoto)
        {
            missing.Add(LatestPhoto switch
            {
                PhotoState.Pending => ("photo awaits review", "zdjęcie czeka na akceptację"),
                PhotoState.Rejected => ("photo rejected", "zdjęcie odrzucone"),
                _ => ("no photo", "brak zdjęcia"),
            });
        }

        if (Card != CardStatus.Valid)
        {
            missing.Add(Card is null ? ("no card", "brak legitymacji") : ("card not valid", "legitymacja nieważna"));
        }

        return missing;
    }
}
