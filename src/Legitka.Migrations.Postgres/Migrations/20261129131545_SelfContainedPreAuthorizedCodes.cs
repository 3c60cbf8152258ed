using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SelfContainedPreAuthorizedCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers");

            migrationBuilder.DropColumn(
                name: "PreAuthorizedCodeHash",
                table: "ActivationOffers");

            migrationBuilder.RenameColumn(
                name: "PreAuthorizedCodeExpiresAt",
                table: "ActivationOffers",
                newName: "ReopenedAt");

            // The column's old values were code expiry times, not reopenings.
            migrationBuilder.Sql("UPDATE \"ActivationOffers\" SET \"ReopenedAt\" = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "ReopenedAt",
                table: "ActivationOffers",
                newName: "PreAuthorizedCodeExpiresAt");

            migrationBuilder.AddColumn<byte[]>(
                name: "PreAuthorizedCodeHash",
                table: "ActivationOffers",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers",
                column: "PreAuthorizedCodeHash",
                unique: true,
                filter: "\"PreAuthorizedCodeHash\" IS NOT NULL");
        }
    }
}
