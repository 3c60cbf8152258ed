using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SparseTokenIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers",
                column: "AccessTokenHash",
                unique: true,
                filter: "\"AccessTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers",
                column: "PreAuthorizedCodeHash",
                unique: true,
                filter: "\"PreAuthorizedCodeHash\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers",
                column: "AccessTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers",
                column: "PreAuthorizedCodeHash",
                unique: true);
        }
    }
}
