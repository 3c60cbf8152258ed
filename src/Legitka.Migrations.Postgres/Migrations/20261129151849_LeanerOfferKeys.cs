using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LeanerOfferKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActivationOffers_Pupils_PupilId",
                table: "ActivationOffers");

            migrationBuilder.DropForeignKey(
                name: "FK_ActivationOffers_Schools_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PupilId_State",
                table: "ActivationOffers");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Pupils_Id_SchoolId",
                table: "Pupils",
                columns: new[] { "Id", "SchoolId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PupilId_SchoolId",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "SchoolId" });

            migrationBuilder.AddForeignKey(
                name: "FK_ActivationOffers_Pupils_PupilId_SchoolId",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "SchoolId" },
                principalTable: "Pupils",
                principalColumns: new[] { "Id", "SchoolId" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActivationOffers_Pupils_PupilId_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Pupils_Id_SchoolId",
                table: "Pupils");

            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_PupilId_SchoolId",
                table: "ActivationOffers");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PupilId_State",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_SchoolId",
                table: "ActivationOffers",
                column: "SchoolId");

            migrationBuilder.AddForeignKey(
                name: "FK_ActivationOffers_Pupils_PupilId",
                table: "ActivationOffers",
                column: "PupilId",
                principalTable: "Pupils",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ActivationOffers_Schools_SchoolId",
                table: "ActivationOffers",
                column: "SchoolId",
                principalTable: "Schools",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
