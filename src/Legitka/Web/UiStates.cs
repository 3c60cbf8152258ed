using Legitka.Applications;
using Legitka.Photos;

namespace Legitka.Web;

/// <summary>Polish names of states as the portal shows them (English through <see cref="Ui"/>).</summary>
public static class UiStates
{
    public static string Application(ApplicationState state) => state switch
    {
        ApplicationState.Pending => "czeka na decyzję dyrektora",
        ApplicationState.Approved => "zatwierdzony",
        ApplicationState.Declined => "odrzucony",
        ApplicationState.Withdrawn => "wycofany",
    };

    public static string Photo(PhotoState state) => state switch
    {
        PhotoState.Pending => "czeka na akceptację",
        PhotoState.Accepted => "zaakceptowane",
        PhotoState.Rejected => "odrzucone",
        PhotoState.Superseded => "zastąpione",
    };

    public static string BulkPhoto(BulkPhotoOutcome outcome) => outcome switch
    {
        BulkPhotoOutcome.Matched => "wczytane",
        BulkPhotoOutcome.Unmatched => "nie pasuje do ucznia",
        BulkPhotoOutcome.Ambiguous => "niejednoznaczne",
        BulkPhotoOutcome.Refused => "odrzucone",
    };
}
