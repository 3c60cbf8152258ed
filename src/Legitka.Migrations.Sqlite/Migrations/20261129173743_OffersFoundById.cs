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
