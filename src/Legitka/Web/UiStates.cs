using Legitka.Applications;
using Legitka.Codes;
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
        ApplicationState.Closed => "zamknięty: szkoła wydaje mLegitymację bez wniosku",
    };

    public static string Batch(CodeBatchState state) => state switch
    {
        CodeBatchState.Queued => "w kolejce",
        CodeBatchState.Running => "w toku",
        CodeBatchState.Done => "gotowe",
        CodeBatchState.Failed => "błąd",
    };

    /// <summary>A code's state, saying "expired" of an open one past its date (the database keeps it open).</summary>
    public static string Offer(OfferView code, DateTime nowUtc) =>
        code.State == OfferState.Open && code.ExpiresAt <= nowUtc ? "wygasł" : Offer(code.State);

    /// <summary>A pupil's mLegitymacja in a class list; the details (dates, reasons) are added beside it.</summary>
    public static string Activation(ActivationStage stage) => stage switch
    {
        ActivationStage.NoCode => "brak kodu",
        ActivationStage.CodeWaiting => "kod czeka na aktywację",
        ActivationStage.CodeExpired => "kod wygasł — potrzebny nowy",
        ActivationStage.LockedOut => "kod zablokowany po błędnych próbach — potrzebny nowy",
        ActivationStage.NotCollected => "kod przyjęty, ale telefon nie pobrał mLegitymacji — zeskanuj kartkę ponownie",
        ActivationStage.CodeVoided => "kod unieważniony — potrzebny nowy",
        ActivationStage.Active => "aktywna",
        ActivationStage.Ended => "zakończona",
    };

    public static string Offer(OfferState state) => state switch
    {
        OfferState.Open => "czeka na aktywację",
        OfferState.Redeemed => "wykorzystany",
        OfferState.Voided => "unieważniony",
        OfferState.LockedOut => "zablokowany po błędnych próbach",
    };

    /// <summary>Why an mLegitymacja ended, from the reasons the issuer records (English) to Polish.</summary>
    public static string Ended(string? reason) => reason switch
    {
        "activated on another phone" => "aktywowana na innym telefonie",
        "deleted from the phone" => "usunięta z telefonu",
        "the wallet could not store it" => "portfel nie mógł jej zapisać",
        "expired" => "wygasła",
        null => "",
        _ => reason,
    };

    public static string Photo(PhotoState state) => state switch
    {
        PhotoState.Pending => "czeka na akceptację szkoły",
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
