using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OffersFoundById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A reference printed before now names no offer id, so its slip can no longer be used: its offer is void,
            // which the school sees (and which lets it print the pupil a new code). A redeemed offer keeps its token.
            migrationBuilder.Sql("""
                UPDATE "ActivationOffers" SET "State" = 'Voided', "EndedAt" = strftime('%Y-%m-%d %H:%M:%f', 'now'),
                    "EndReason" = 'printed before offer references carried the offer id; print a new code'
                WHERE "State" = 'Open'
                """);

            // Dropping a foreign key rebuilds the table on SQLite, with foreign keys off outside a transaction; the key
            // to the batch stays in place instead (a cheap primary-key lookup per insert), only the indexes go.
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_BatchId",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_ReferenceHash",
                table: "ActivationOffers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_BatchId",
                table: "ActivationOffers",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_ReferenceHash",
                table: "ActivationOffers",
                column: "ReferenceHash",
                unique: true);
        }
    }
}
