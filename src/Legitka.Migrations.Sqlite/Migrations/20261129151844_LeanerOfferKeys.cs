using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeanerOfferKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // On SQLite, changing a foreign key means rebuilding the table with foreign keys switched off outside a
            // transaction (here two tables, Pupils among them). The old keys (pupil; school) stay in place instead; the
            // unique index lets a later rebuild take the model's composite key. Only the indexes change.
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PupilId_State",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.CreateIndex(
                name: "AK_Pupils_Id_SchoolId",
                table: "Pupils",
                columns: new[] { "Id", "SchoolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PupilId_SchoolId",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "SchoolId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PupilId_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "AK_Pupils_Id_SchoolId",
                table: "Pupils");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PupilId_State",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_SchoolId",
                table: "ActivationOffers",
                column: "SchoolId");
        }
    }
}
