using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Legitka.Data;

/// <summary>
/// An EF Core compiled query (no expression tree to build, parameters to extract and cache key to look up on each
/// call: for the issuer's hot reads), compiled once per model. A compiled query refuses a context whose model is not
/// the one it first ran with, and a process may hold several (each application its own, as the tests start them).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, _ => compile());
}
